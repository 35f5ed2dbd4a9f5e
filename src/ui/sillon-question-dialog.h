/* sillon-question-dialog.h — a question put to the mediator before going on
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* One button of the question: its label (with a mnemonic), the response it
 * gives, and NULL, "destructive-action" or "suggested-action". */
typedef struct
{
  const char *label;
  int response;
  const char *style_class;
} SillonQuestionAnswer;

GtkWidget *sillon_question_dialog_new (GtkWidget *widget,
                                       const char *question,
                                       const char *detail,
                                       const SillonQuestionAnswer *answers,
                                       guint n_answers,
                                       int default_response);

G_END_DECLS
