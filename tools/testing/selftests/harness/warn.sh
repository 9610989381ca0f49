#!/bin/sh
# copro-test: kernels=6.1 expect=125
# A kernel-log splat while the guest carries on and the script succeeds:
# still a failure.
echo "<4>WARNING: CPU: 0 PID: $$ at copro-harness-selftest" > /dev/kmsg
exit 0
