/* sillon-message-label.c — a label that shows a message only when there is one
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-message-label.h"

void
sillon_message_label_set (GtkLabel *label,
                          const char *text)
{
  g_return_if_fail (GTK_IS_LABEL (label));

  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
}

void
sillon_message_label_set_printf (GtkLabel *label,
                                 const char *format,
                                 ...)
{
  g_autofree char *text = NULL;
  va_list args;

  g_return_if_fail (GTK_IS_LABEL (label));
  g_return_if_fail (format != NULL);

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  sillon_message_label_set (label, text);
}
