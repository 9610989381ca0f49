#!/bin/sh
# copro-test: kernels=6.1 expect=125
# A guest kernel Oops (sysrq crash): a failure whatever the script returns.
echo c > /proc/sysrq-trigger
exit 0
