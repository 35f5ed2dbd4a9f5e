/* sillon-toast.h — an in-window notification with an Undo button
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* How long a toast stays, in seconds: long enough to read it and reach
 * Undo, short enough not to hide the page. */
#define SILLON_TOAST_SECONDS 8

#define SILLON_TYPE_TOAST (sillon_toast_get_type ())
G_DECLARE_FINAL_TYPE (SillonToast, sillon_toast, SILLON, TOAST, GtkRevealer)

/* Shows @message for SILLON_TOAST_SECONDS, with Undo when @can_undo; emits
 * "undo" when Undo is pressed, "dismissed" when it goes without. */
void sillon_toast_show (SillonToast *self,
                        const char *message,
                        gboolean can_undo);
void sillon_toast_dismiss (SillonToast *self);
gboolean sillon_toast_is_shown (SillonToast *self);

G_END_DECLS
