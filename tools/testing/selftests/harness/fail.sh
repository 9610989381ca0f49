#!/bin/sh
# copro-test: kernels=6.1 expect=1
# A failing guest test: the harness must count it as a failure.
. /copro/tests/tap.sh
tap_plan 1
tap_check "a check that cannot pass" false
tap_done
