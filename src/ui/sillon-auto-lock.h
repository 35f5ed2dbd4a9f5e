/* sillon-auto-lock.h — asks for the vault to lock after inactivity or when the session locks
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SILLON_TYPE_AUTO_LOCK (sillon_auto_lock_get_type ())
G_DECLARE_FINAL_TYPE (SillonAutoLock, sillon_auto_lock, SILLON, AUTO_LOCK, GObject)

/* Watches @window for keyboard and pointer activity and the desktop session
 * for a screen lock; emits "lock-requested" when the window has been idle for
 * the "auto-lock-minutes" of @settings, or when the screen locks. */
SillonAutoLock *sillon_auto_lock_new (GtkWindow *window,
                                      GSettings *settings);

/* Counts as activity: restarts the idle delay (also called on unlock). */
void sillon_auto_lock_reset (SillonAutoLock *self);

G_END_DECLS
