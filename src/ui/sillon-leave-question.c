/* sillon-leave-question.c — the question before leaving work not saved
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every page that holds work not saved (a workshop, an open form, a form
 * kept over a lock) asks the same question in the same words and buttons
 * before it is left, so that a mediator learns it once.
 */

#include "config.h"

#include "sillon-leave-question.h"

#include <glib/gi18n.h>

GtkWidget *
sillon_leave_question_new (GtkWidget *from,
                           const char *question,
                           const char *detail,
                           const char *discard_label,
                           gboolean can_save)
{
  GtkWidget *toplevel = from != NULL ? gtk_widget_get_toplevel (from) : NULL;
  GtkWidget *dialog;
  GtkWidget *discard;

  g_return_val_if_fail (question != NULL, NULL);
  g_return_val_if_fail (discard_label != NULL, NULL);

  dialog = gtk_message_dialog_new (GTK_IS_WINDOW (toplevel) ? GTK_WINDOW (toplevel) : NULL,
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE, "%s", question);
  if (detail != NULL)
    gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", detail);
  gtk_dialog_add_button (GTK_DIALOG (dialog), _ ("_Cancel"), GTK_RESPONSE_CANCEL);
  discard = gtk_dialog_add_button (GTK_DIALOG (dialog), discard_label, SILLON_LEAVE_QUESTION_DISCARD);
  gtk_style_context_add_class (gtk_widget_get_style_context (discard), "destructive-action");
  if (can_save)
    {
      GtkWidget *save = gtk_dialog_add_button (GTK_DIALOG (dialog), _ ("_Save"), SILLON_LEAVE_QUESTION_SAVE);

      gtk_style_context_add_class (gtk_widget_get_style_context (save), "suggested-action");
      gtk_dialog_set_default_response (GTK_DIALOG (dialog), SILLON_LEAVE_QUESTION_SAVE);
      gtk_widget_grab_focus (save);
    }
  else
    gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  gtk_window_set_focus_visible (GTK_WINDOW (dialog), TRUE);
  /* A message dialog is named after its type ("Question") otherwise. */
  atk_object_set_name (gtk_widget_get_accessible (dialog), question);
  return dialog;
}
