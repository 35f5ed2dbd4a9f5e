#!/usr/bin/env python3
"""Runs test-widget-util (a g_test program, given as the executable) in the
private display and session that run-ui-test.sh sets up: the helpers it
tests build GTK widgets, so it cannot be a core test."""
import os
import subprocess
import sys

sys.exit(subprocess.call([os.environ["SILLON_EXE"]]))
