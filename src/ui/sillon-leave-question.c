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

#include "sillon-question-dialog.h"

#include <glib/gi18n.h>

GtkWidget *
sillon_leave_question_new (GtkWidget *from,
                           const char *question,
                           const char *detail,
                           const char *discard_label,
                           gboolean can_save)
{
  const SillonQuestionAnswer answers[] = {
    { _ ("_Cancel"), GTK_RESPONSE_CANCEL, NULL },
    { discard_label, SILLON_LEAVE_QUESTION_DISCARD, "destructive-action" },
    { _ ("_Save"), SILLON_LEAVE_QUESTION_SAVE, "suggested-action" },
  };

  g_return_val_if_fail (question != NULL, NULL);
  g_return_val_if_fail (discard_label != NULL, NULL);

  /* Without Save, Enter cancels: dropping work takes a deliberate key. */
  return sillon_question_dialog_new (from, question, detail, answers, can_save ? 3 : 2,
                                     can_save ? SILLON_LEAVE_QUESTION_SAVE : GTK_RESPONSE_CANCEL);
}

GtkWidget *
sillon_leave_question_new_for_form (GtkWidget *from,
                                    const char *form_title)
{
  /* Translators: %s is the title of a form (“Log a Session”…). */
  g_autofree char *detail = g_strdup_printf (_ ("“%s” is open and not saved. If you leave without saving, what you entered is lost."),
                                             form_title);

  return sillon_leave_question_new (from, _ ("Save before leaving?"), detail, _ ("_Discard"), TRUE);
}
