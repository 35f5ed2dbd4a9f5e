/* sillon-question-dialog.c — a question put to the mediator before going on
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The questions a page asks through its _async/_finish pair (discard the
 * assessment? save the workshop?) look and behave alike: a modal message
 * dialog over the page's window, the answers as buttons from the safest,
 * and the focus already on the default answer, shown, so that a mediator
 * at the keyboard sees where Enter goes. The page keeps what the answer
 * means; this builds the dialog.
 */

#include "config.h"

#include "sillon-question-dialog.h"

#include "sillon-widget-util.h"

/* A modal question over the window that holds @widget, @detail under it.
 * Its @default_response (Enter) has the focus. The caller connects
 * "response" and presents it. */
GtkWidget *
sillon_question_dialog_new (GtkWidget *widget,
                            const char *question,
                            const char *detail,
                            const SillonQuestionAnswer *answers,
                            guint n_answers,
                            int default_response)
{
  GtkWidget *dialog;
  GtkWidget *focus = NULL;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_return_val_if_fail (question != NULL, NULL);
  g_return_val_if_fail (answers != NULL && n_answers > 0, NULL);

  dialog = gtk_message_dialog_new (sillon_widget_get_window (widget), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE, "%s", question);
  if (detail != NULL)
    gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", detail);
  for (guint i = 0; i < n_answers; i++)
    {
      GtkWidget *button = gtk_dialog_add_button (GTK_DIALOG (dialog), answers[i].label, answers[i].response);

      if (answers[i].style_class != NULL)
        gtk_style_context_add_class (gtk_widget_get_style_context (button), answers[i].style_class);
      if (answers[i].response == default_response)
        focus = button;
    }
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), default_response);
  if (focus != NULL)
    gtk_widget_grab_focus (focus);
  /* The mediator works from the keyboard: show at once where Enter goes. */
  gtk_window_set_focus_visible (GTK_WINDOW (dialog), TRUE);
  /* A message dialog is named after its type ("Question") otherwise. */
  atk_object_set_name (gtk_widget_get_accessible (dialog), question);
  return dialog;
}
