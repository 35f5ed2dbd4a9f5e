#!/usr/bin/env python3
"""Runs a g_test program of this folder (given to run-ui-test.sh as the
executable) in the private display and session that run-ui-test.sh sets up:
what it tests needs GTK, so it cannot be a core test."""
import os
import subprocess
import sys

sys.exit(subprocess.call([os.environ["SILLON_EXE"]]))
