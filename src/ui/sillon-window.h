/* sillon-window.h — the main window: which page shows, and when the vault locks
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sillon-application.h"

G_BEGIN_DECLS

#define SILLON_TYPE_WINDOW (sillon_window_get_type ())
G_DECLARE_FINAL_TYPE (SillonWindow, sillon_window, SILLON, WINDOW, GtkApplicationWindow)

SillonWindow *sillon_window_new (SillonApplication *application);

/* Saves the window's state and locks its vault (keys wiped), as closing the
 * window does; the application calls it before quitting. */
void sillon_window_prepare_quit (SillonWindow *self);

/* TRUE when the window can go now (its pages already agreed). Otherwise
 * the window asks its pages whether they may be left (an assessment, a
 * workshop or a form not saved asks the mediator), and activates app.quit
 * again itself once they all agree. */
gboolean sillon_window_request_quit (SillonWindow *self);

G_END_DECLS
