/* sillon-dialog-size.c — a dialog's default size that fits the screen
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A large dialog whose content scrolls (the session form, the saved
 * assessment) asks for a comfortable default size, capped by the monitor's
 * work area. It is never taken from the parent window: the parent's size
 * depends on the page shown before, and over a parent as tall as the screen
 * the dialog went past the screen's foot. GTK adds the header bar on top of
 * a default size, and with large text (text scale 1.5) the header bar is
 * tall: it is taken off the height here.
 */

#include "config.h"

#include "sillon-dialog-size.h"

/* Keeps the parent's edge in view around the dialog. */
#define SCREEN_MARGIN 48
#define SMALLEST_WIDTH 320
#define SMALLEST_HEIGHT 300

static GdkMonitor *
monitor_of (GtkWindow *window)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (window));
  GdkWindow *gdk_window = gtk_widget_get_window (GTK_WIDGET (window));
  GdkMonitor *monitor = gdk_window != NULL ? gdk_display_get_monitor_at_window (display, gdk_window)
                                           : gdk_display_get_primary_monitor (display);

  if (monitor == NULL && gdk_display_get_n_monitors (display) > 0)
    monitor = gdk_display_get_monitor (display, 0);
  return monitor;
}

static int
titlebar_height_of (GtkWindow *window)
{
  GtkWidget *titlebar = gtk_window_get_titlebar (window);
  int height = 0;

  if (titlebar != NULL)
    gtk_widget_get_preferred_height (titlebar, NULL, &height);
  return height;
}

void
sillon_dialog_set_default_size_within_screen (GtkWindow *dialog, GtkWindow *parent, int width, int height)
{
  GdkMonitor *monitor;
  int titlebar_height;

  g_return_if_fail (GTK_IS_WINDOW (dialog));

  monitor = monitor_of (parent != NULL && gtk_widget_get_window (GTK_WIDGET (parent)) != NULL ? parent : dialog);
  titlebar_height = titlebar_height_of (dialog);
  if (monitor != NULL)
    {
      GdkRectangle area;

      gdk_monitor_get_workarea (monitor, &area);
      width = MIN (width, area.width - SCREEN_MARGIN);
      height = MIN (height, area.height - titlebar_height - SCREEN_MARGIN);
    }
  gtk_window_set_default_size (dialog, MAX (width, SMALLEST_WIDTH), MAX (height, SMALLEST_HEIGHT));
}

/* A window does not grow by itself once shown: a message that appears in a
 * dialog (a refused form says why) would push the form's foot out of view,
 * behind the scroller's edge. The dialog grows by the message's height, as
 * far as the screen allows; beyond, the form scrolls. */
void
sillon_dialog_grow_within_screen (GtkWindow *dialog, GtkWidget *shown)
{
  GdkMonitor *monitor;
  int width, height, wrap_width, extra = 0;

  g_return_if_fail (GTK_IS_WINDOW (dialog));
  g_return_if_fail (GTK_IS_WIDGET (shown));

  if (!gtk_widget_get_mapped (GTK_WIDGET (dialog)) || !gtk_widget_get_visible (shown))
    return;
  gtk_window_get_size (dialog, &width, &height);
  /* Just shown, it has no width yet: it takes its parent's. */
  wrap_width = gtk_widget_get_allocated_width (shown);
  if (wrap_width <= 1 && gtk_widget_get_parent (shown) != NULL)
    wrap_width = gtk_widget_get_allocated_width (gtk_widget_get_parent (shown));
  gtk_widget_get_preferred_height_for_width (shown, wrap_width > 1 ? wrap_width : width, NULL, &extra);
  height += extra + gtk_widget_get_margin_top (shown) + gtk_widget_get_margin_bottom (shown);
  monitor = monitor_of (dialog);
  if (monitor != NULL)
    {
      GdkRectangle area;

      gdk_monitor_get_workarea (monitor, &area);
      height = MIN (height, area.height - titlebar_height_of (dialog) - SCREEN_MARGIN);
    }
  gtk_window_resize (dialog, width, height);
}
