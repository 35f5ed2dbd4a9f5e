/* sillon-preferences-window.h — the mediator's and the structure's settings
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SILLON_TYPE_PREFERENCES_WINDOW (sillon_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (SillonPreferencesWindow, sillon_preferences_window, SILLON, PREFERENCES_WINDOW, GtkWindow)

/* A preferences window on the application's GSettings, for @parent. Every
 * change applies at once (GNOME HIG): there is nothing to save. */
GtkWidget *sillon_preferences_window_new (GtkWindow *parent);

G_END_DECLS
