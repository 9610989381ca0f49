#!/bin/sh
# copro-test: kernels=6.1 expect=124 timeout=30
# A guest that never reports back: its own watchdog is gone (as in a hung
# kernel), so only the host's time limit can end the run.
kill -KILL "$(cat /run/copro-watchdog.pid)"
while :; do sleep 1; done
