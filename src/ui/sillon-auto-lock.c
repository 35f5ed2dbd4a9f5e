/* sillon-auto-lock.c — asks for the vault to lock after inactivity or when the session locks
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A counter PC is shared and the mediator is often called away: the vault
 * must not stay readable behind their back. Two triggers: no keyboard or
 * pointer activity in the window for the configured delay, and the desktop
 * session's screen lock (GNOME and freedesktop screen savers).
 */

#include "config.h"

#include "sillon-auto-lock.h"

struct _SillonAutoLock
{
  GObject parent_instance;

  GtkWindow *window; /* weak */
  GSettings *settings;
  GtkGesture *press;
  GtkEventController *motion;
  gulong key_handler;
  gint64 last_activity; /* monotonic, µs */
  guint check_source;
  GDBusConnection *session_bus;
  guint screensaver_subscriptions[2];
};

G_DEFINE_FINAL_TYPE (SillonAutoLock, sillon_auto_lock, G_TYPE_OBJECT)

enum
{
  LOCK_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The delay in seconds. SILLON_AUTO_LOCK_SECONDS and
 * SILLON_AUTO_LOCK_SECONDS_PER_MINUTE may only shorten it: the UI tests use
 * them to avoid waiting minutes (the second one so that the delay chosen
 * in the preferences still counts), and they can never keep a vault open
 * longer than the mediator chose. */
static gint64
idle_delay_seconds (SillonAutoLock *self)
{
  guint minutes = g_settings_get_uint (self->settings, "auto-lock-minutes");
  gint64 delay = (gint64) minutes * 60;
  const char *override = g_getenv ("SILLON_AUTO_LOCK_SECONDS");
  const char *per_minute = g_getenv ("SILLON_AUTO_LOCK_SECONDS_PER_MINUTE");

  if (per_minute != NULL)
    {
      gint64 seconds = g_ascii_strtoll (per_minute, NULL, 10);
      if (seconds > 0 && seconds < 60)
        delay = (gint64) minutes * seconds;
    }

  if (override != NULL)
    {
      gint64 seconds = g_ascii_strtoll (override, NULL, 10);
      if (seconds > 0 && seconds < delay)
        delay = seconds;
    }
  return delay;
}

void
sillon_auto_lock_reset (SillonAutoLock *self)
{
  g_return_if_fail (SILLON_IS_AUTO_LOCK (self));
  self->last_activity = g_get_monotonic_time ();
}

static gboolean
on_check_timeout (gpointer user_data)
{
  SillonAutoLock *self = SILLON_AUTO_LOCK (user_data);
  gint64 idle = (g_get_monotonic_time () - self->last_activity) / G_USEC_PER_SEC;

  if (idle >= idle_delay_seconds (self))
    {
      /* Restart the delay: the window locks once, not every second. */
      sillon_auto_lock_reset (self);
      g_signal_emit (self, signals[LOCK_REQUESTED], 0);
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
on_window_key_press (GtkWidget *widget,
                     GdkEvent *event,
                     gpointer user_data)
{
  sillon_auto_lock_reset (SILLON_AUTO_LOCK (user_data));
  return GDK_EVENT_PROPAGATE;
}

static void
on_pointer_pressed (GtkGestureMultiPress *gesture,
                    int n_press,
                    double x,
                    double y,
                    gpointer user_data)
{
  sillon_auto_lock_reset (SILLON_AUTO_LOCK (user_data));
}

static void
on_pointer_motion (GtkEventControllerMotion *controller,
                   double x,
                   double y,
                   gpointer user_data)
{
  sillon_auto_lock_reset (SILLON_AUTO_LOCK (user_data));
}

static void
on_screensaver_active_changed (GDBusConnection *connection,
                               const char *sender_name,
                               const char *object_path,
                               const char *interface_name,
                               const char *signal_name,
                               GVariant *parameters,
                               gpointer user_data)
{
  SillonAutoLock *self = SILLON_AUTO_LOCK (user_data);
  gboolean active = FALSE;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    return;
  g_variant_get (parameters, "(b)", &active);
  if (active)
    g_signal_emit (self, signals[LOCK_REQUESTED], 0);
}

static void
watch_screensaver (SillonAutoLock *self)
{
  static const char *interfaces[] = { "org.gnome.ScreenSaver", "org.freedesktop.ScreenSaver" };
  g_autoptr (GError) error = NULL;

  self->session_bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (self->session_bus == NULL)
    {
      /* Without a session bus only the idle delay protects the vault. */
      g_debug ("No session bus, screen locks will not lock the vault: %s", error->message);
      return;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (interfaces); i++)
    self->screensaver_subscriptions[i] =
        g_dbus_connection_signal_subscribe (self->session_bus, NULL, interfaces[i], "ActiveChanged",
                                            NULL, NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                            on_screensaver_active_changed, self, NULL);
}

static void
sillon_auto_lock_dispose (GObject *object)
{
  SillonAutoLock *self = SILLON_AUTO_LOCK (object);

  g_clear_handle_id (&self->check_source, g_source_remove);
  if (self->session_bus != NULL)
    {
      for (gsize i = 0; i < G_N_ELEMENTS (self->screensaver_subscriptions); i++)
        {
          if (self->screensaver_subscriptions[i] != 0)
            g_dbus_connection_signal_unsubscribe (self->session_bus, self->screensaver_subscriptions[i]);
          self->screensaver_subscriptions[i] = 0;
        }
    }
  g_clear_object (&self->session_bus);
  if (self->window != NULL)
    {
      g_clear_signal_handler (&self->key_handler, self->window);
      g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
      self->window = NULL;
    }
  g_clear_object (&self->press);
  g_clear_object (&self->motion);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (sillon_auto_lock_parent_class)->dispose (object);
}

static void
sillon_auto_lock_class_init (SillonAutoLockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sillon_auto_lock_dispose;

  signals[LOCK_REQUESTED] = g_signal_new ("lock-requested", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
}

static void
sillon_auto_lock_init (SillonAutoLock *self)
{
  self->last_activity = g_get_monotonic_time ();
}

SillonAutoLock *
sillon_auto_lock_new (GtkWindow *window,
                      GSettings *settings)
{
  SillonAutoLock *self;

  g_return_val_if_fail (GTK_IS_WINDOW (window), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (SILLON_TYPE_AUTO_LOCK, NULL);
  self->window = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->window);
  self->settings = g_object_ref (settings);

  /* Key events reach the toplevel first; pointer events are caught in the
   * capture phase so that no child can hide them. */
  self->key_handler = g_signal_connect (window, "key-press-event", G_CALLBACK (on_window_key_press), self);
  self->press = gtk_gesture_multi_press_new (GTK_WIDGET (window));
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (self->press), GTK_PHASE_CAPTURE);
  g_signal_connect (self->press, "pressed", G_CALLBACK (on_pointer_pressed), self);
  self->motion = gtk_event_controller_motion_new (GTK_WIDGET (window));
  gtk_event_controller_set_propagation_phase (self->motion, GTK_PHASE_CAPTURE);
  g_signal_connect (self->motion, "motion", G_CALLBACK (on_pointer_motion), self);

  self->check_source = g_timeout_add_seconds (1, on_check_timeout, self);
  watch_screensaver (self);
  return self;
}
