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

/* Where a measure starts: the moment the mediator asked for what is
 * measured, in g_get_monotonic_time() microseconds, and the main
 * thread's CPU time then (-1 when not measured). */
typedef struct
{
  gint64 wall_us;
  gint64 cpu_us;
  gboolean from_key; /* a key press, not a change made another way */
} SillonProfileStart;

/* A measure that starts now, not with a key press: the main thread's CPU
 * time only when profiling. */
SillonProfileStart sillon_profile_start_now (void);

/* When profiling, remembers each key press @widget receives (when it was
 * received and the main thread's CPU time then), for
 * sillon_profile_input_start(). Does nothing otherwise. */
void sillon_profile_watch_keys (GtkWidget *widget);

/* Sets @start to the start of what GTK is handling now, for a handler of a
 * change in @widget (such as an entry's "changed"): when the change comes
 * from a key press @widget received (sillon_profile_watch_keys()), the
 * moment the X server stamped that key press and the CPU time when @widget
 * received it; otherwise (a change made through the accessibility bus, or
 * by the program) now. */
void sillon_profile_input_start (GtkWidget *widget,
                                 SillonProfileStart *start);

/* As sillon_profile_until_painted_cpu(), counting from @start, with a
 * fifth field "key" or "set" saying whether it began with a key press. */
void sillon_profile_until_painted_from (GtkWidget *widget,
                                        const char *what,
                                        const SillonProfileStart *start);

G_END_DECLS
