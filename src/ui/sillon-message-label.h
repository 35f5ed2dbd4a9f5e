/* sillon-message-label.h — a label that shows a message only when there is one
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Shows @text in @label, or hides the label when @text is NULL: forms keep
 * an empty error label in their template and show it when something needs
 * saying, so that no blank line takes space the rest of the time. */
void sillon_message_label_set (GtkLabel *label,
                               const char *text);
/* The same with a message made from @format, most often a translated
 * sentence and the reason a call failed. */
void sillon_message_label_set_printf (GtkLabel *label,
                                      const char *format,
                                      ...) G_GNUC_PRINTF (2, 3);

G_END_DECLS
