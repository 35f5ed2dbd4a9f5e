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

void
sillon_dialog_set_default_size_within_screen (GtkWindow *dialog, GtkWindow *parent, int width, int height)
{
  GdkDisplay *display;
  GdkWindow *parent_window;
  GdkMonitor *monitor;
  GtkWidget *titlebar;
  int titlebar_height = 0;

  g_return_if_fail (GTK_IS_WINDOW (dialog));

  display = gtk_widget_get_display (GTK_WIDGET (dialog));
  parent_window = parent != NULL ? gtk_widget_get_window (GTK_WIDGET (parent)) : NULL;
  monitor = parent_window != NULL ? gdk_display_get_monitor_at_window (display, parent_window)
                                  : gdk_display_get_primary_monitor (display);
  if (monitor == NULL && gdk_display_get_n_monitors (display) > 0)
    monitor = gdk_display_get_monitor (display, 0);
  titlebar = gtk_window_get_titlebar (dialog);
  if (titlebar != NULL)
    gtk_widget_get_preferred_height (titlebar, NULL, &titlebar_height);
  if (monitor != NULL)
    {
      GdkRectangle area;

      gdk_monitor_get_workarea (monitor, &area);
      width = MIN (width, area.width - SCREEN_MARGIN);
      height = MIN (height, area.height - titlebar_height - SCREEN_MARGIN);
    }
  gtk_window_set_default_size (dialog, MAX (width, SMALLEST_WIDTH), MAX (height, SMALLEST_HEIGHT));
}
