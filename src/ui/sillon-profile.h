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

/* When profiling, prints "sillon-profile<TAB>@what<TAB>milliseconds" on
 * standard error once @widget's window has painted the next frame,
 * counting from @start_us (g_get_monotonic_time()). Only timings are
 * printed, never anything about a person. */
void sillon_profile_until_painted (GtkWidget *widget,
                                   const char *what,
                                   gint64 start_us);

G_END_DECLS
