/* sillon-dialog-size.h — a dialog's default size that fits the screen
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void sillon_dialog_set_default_size_within_screen (GtkWindow *dialog,
                                                   GtkWindow *parent,
                                                   int width,
                                                   int height);
void sillon_dialog_grow_within_screen (GtkWindow *dialog, GtkWidget *shown);

G_END_DECLS
