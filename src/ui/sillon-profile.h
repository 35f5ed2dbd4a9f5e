/* sillon-profile.h — how long the mediator waits, for the benchmarks
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Whether SILLON_PROFILE is set: tests/bench/desk-bench.sh sets it. */
gboolean sillon_profile_enabled (void);

/* The calling thread's CPU time in microseconds (-1 if unknown). */
gint64 sillon_profile_cpu_time (void);

/* When profiling, prints "sillon-profile<TAB>@what<TAB>milliseconds<TAB>
 * CPU milliseconds" on standard error once @widget's window has painted
 * the next frame, counting from @start_us (g_get_monotonic_time()) and,
 * for the main thread's CPU time, from @start_cpu_us
 * (sillon_profile_cpu_time(); -1 leaves the fourth field out). Only
 * timings are printed, never anything about a person. */
void sillon_profile_until_painted_cpu (GtkWidget *widget,
                                       const char *what,
                                       gint64 start_us,
                                       gint64 start_cpu_us);

G_END_DECLS
