/* sillon-profile.c — how long the mediator waits, for the benchmarks
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The benchmarks measure the time to the frame that shows the result, not
 * to the end of a function: the frame clock's after-paint signal is when
 * the mediator can see it.
 */

#include "config.h"

#include "sillon-profile.h"

#include <time.h>

/* The frame's phases, as the main thread's CPU time when each ends. */
enum
{
  PHASE_BEFORE_FRAME, /* the handler's own work, until the frame starts */
  PHASE_LAYOUT,       /* styles, sizes and allocation (update and layout) */
  PHASE_PAINT,        /* drawing */
  N_PHASES
};

typedef struct
{
  GdkFrameClock *clock;
  gulong handler;
  gulong phase_handlers[N_PHASES];
  gint64 phase_end_cpu_us[N_PHASES];
  char *what;
  gint64 start_us;
  gint64 start_cpu_us; /* -1: not measured */
  const char *origin;  /* "key", "set" or NULL: the fifth field */
} Pending;

gboolean
sillon_profile_enabled (void)
{
  static int enabled = -1;

  if (enabled < 0)
    enabled = g_getenv ("SILLON_PROFILE") != NULL;
  return enabled;
}

static void
on_after_paint (GdkFrameClock *clock,
                Pending *pending)
{
  double wall_ms = (double) (g_get_monotonic_time () - pending->start_us) / 1000.0;

  if (pending->start_cpu_us >= 0)
    {
      gint64 *end = pending->phase_end_cpu_us;
      double cpu_ms = (double) (sillon_profile_cpu_time () - pending->start_cpu_us) / 1000.0;

      if (pending->origin != NULL)
        g_printerr ("sillon-profile\t%s\t%.3f\t%.3f\t%s\n", pending->what, wall_ms, cpu_ms, pending->origin);
      else
        g_printerr ("sillon-profile\t%s\t%.3f\t%.3f\n", pending->what, wall_ms, cpu_ms);
      /* Where the processor time went: a line of its own, which readers of
       * the first ignore. */
      if (end[PHASE_BEFORE_FRAME] >= 0 && end[PHASE_LAYOUT] >= 0 && end[PHASE_PAINT] >= 0)
        g_printerr ("sillon-profile-phases\t%s\t%.3f\t%.3f\t%.3f\n", pending->what,
                    (double) (end[PHASE_BEFORE_FRAME] - pending->start_cpu_us) / 1000.0,
                    (double) (end[PHASE_LAYOUT] - end[PHASE_BEFORE_FRAME]) / 1000.0,
                    (double) (end[PHASE_PAINT] - end[PHASE_LAYOUT]) / 1000.0);
    }
  else
    g_printerr ("sillon-profile\t%s\t%.3f\n", pending->what, wall_ms);
  for (guint i = 0; i < N_PHASES; i++)
    g_signal_handler_disconnect (clock, pending->phase_handlers[i]);
  g_signal_handler_disconnect (clock, pending->handler);
}

/* The first time each phase of the frame is reached. Connected after GTK's
 * own handlers of "layout" and "paint", these see their end; before-paint
 * is the frame's start. */
static void
mark_phase (Pending *pending,
            guint phase)
{
  if (pending->phase_end_cpu_us[phase] < 0)
    pending->phase_end_cpu_us[phase] = sillon_profile_cpu_time ();
}

static void
on_before_paint (GdkFrameClock *clock,
                 Pending *pending)
{
  mark_phase (pending, PHASE_BEFORE_FRAME);
}

static void
on_layout (GdkFrameClock *clock,
           Pending *pending)
{
  mark_phase (pending, PHASE_LAYOUT);
}

static void
on_paint (GdkFrameClock *clock,
          Pending *pending)
{
  mark_phase (pending, PHASE_PAINT);
}

static void
pending_free (gpointer data,
              GClosure *closure)
{
  Pending *pending = data;

  g_free (pending->what);
  g_free (pending);
}

/* The main thread's CPU time: on a machine shared with other work, the
 * steadier figure, since the wall clock also counts the time other
 * processes hold the CPU. Widgets live on the main thread, so its CPU time
 * from a key press to the painted frame is the work the frame cost. */
gint64
sillon_profile_cpu_time (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return -1;
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
until_painted (GtkWidget *widget,
               const char *what,
               gint64 start_us,
               gint64 start_cpu_us,
               const char *origin)
{
  GdkFrameClock *clock;
  Pending *pending;

  if (!sillon_profile_enabled ())
    return;
  clock = gtk_widget_get_frame_clock (widget);
  if (clock == NULL)
    return;
  pending = g_new0 (Pending, 1);
  pending->what = g_strdup (what);
  pending->start_us = start_us;
  pending->start_cpu_us = start_cpu_us;
  pending->origin = origin;
  for (guint i = 0; i < N_PHASES; i++)
    pending->phase_end_cpu_us[i] = -1;
  pending->phase_handlers[PHASE_BEFORE_FRAME] = g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint), pending);
  pending->phase_handlers[PHASE_LAYOUT] = g_signal_connect_after (clock, "layout", G_CALLBACK (on_layout), pending);
  pending->phase_handlers[PHASE_PAINT] = g_signal_connect_after (clock, "paint", G_CALLBACK (on_paint), pending);
  pending->handler = g_signal_connect_data (clock, "after-paint", G_CALLBACK (on_after_paint), pending,
                                            pending_free, 0);
  gtk_widget_queue_draw (widget);
}

void
sillon_profile_until_painted_cpu (GtkWidget *widget,
                                  const char *what,
                                  gint64 start_us,
                                  gint64 start_cpu_us)
{
  until_painted (widget, what, start_us, start_cpu_us, NULL);
}

void
sillon_profile_until_painted_from (GtkWidget *widget,
                                   const char *what,
                                   const SillonProfileStart *start)
{
  until_painted (widget, what, start->wall_us, start->cpu_us, start->from_key ? "key" : "set");
}

#define KEY_PRESS_DATA "sillon-profile-key-press"

/* The last key press a watched widget received. */
typedef struct
{
  guint32 server_time; /* the X server's time stamp, in milliseconds */
  gint64 received_us;
  gint64 received_cpu_us;
} KeyPress;

static gboolean
on_watched_key_press_event (GtkWidget *widget,
                            GdkEventKey *event,
                            KeyPress *press)
{
  press->server_time = event->time;
  press->received_us = g_get_monotonic_time ();
  press->received_cpu_us = sillon_profile_cpu_time ();
  return GDK_EVENT_PROPAGATE;
}

void
sillon_profile_watch_keys (GtkWidget *widget)
{
  KeyPress *press;

  if (!sillon_profile_enabled ())
    return;
  press = g_new0 (KeyPress, 1);
  g_object_set_data_full (G_OBJECT (widget), KEY_PRESS_DATA, press, g_free);
  g_signal_connect (widget, "key-press-event", G_CALLBACK (on_watched_key_press_event), press);
}

/* When the X server stamped the key press received at @received_us: the
 * X server (Xorg, Xvfb) and Wayland compositors stamp input events with
 * the monotonic clock in milliseconds, which g_get_monotonic_time() also
 * reads (in microseconds, so its low 32 bits of milliseconds compare
 * with the stamp). The start of the stamp's millisecond is taken, which
 * can only make the measure longer. A stamp from another clock (more
 * than a second away, or in the future) is not trusted: the time the
 * widget received the key is used instead. */
static gint64
key_press_stamped_at (const KeyPress *press)
{
  gint64 received_ms = press->received_us / 1000;
  guint32 delay_ms = (guint32) received_ms - press->server_time;

  if (delay_ms > 1000)
    return press->received_us;
  return (received_ms - delay_ms) * 1000;
}

SillonProfileStart
sillon_profile_start_now (void)
{
  SillonProfileStart start = { g_get_monotonic_time (), sillon_profile_enabled () ? sillon_profile_cpu_time () : -1, FALSE };

  return start;
}

void
sillon_profile_input_start (GtkWidget *widget,
                            SillonProfileStart *start)
{
  KeyPress *press = g_object_get_data (G_OBJECT (widget), KEY_PRESS_DATA);
  GdkEvent *event;

  *start = sillon_profile_start_now ();
  if (press == NULL || (event = gtk_get_current_event ()) == NULL)
    return;
  if (event->type == GDK_KEY_PRESS && event->key.time == press->server_time && press->received_us != 0)
    {
      start->wall_us = key_press_stamped_at (press);
      start->cpu_us = press->received_cpu_us;
      start->from_key = TRUE;
    }
  gdk_event_free (event);
}
