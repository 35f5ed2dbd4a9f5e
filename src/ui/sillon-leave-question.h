/* sillon-leave-question.h — the question before leaving work not saved
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The response of the Save button; Discard answers GTK_RESPONSE_REJECT,
 * Cancel (and Escape) GTK_RESPONSE_CANCEL. */
#define SILLON_LEAVE_QUESTION_SAVE GTK_RESPONSE_ACCEPT
#define SILLON_LEAVE_QUESTION_DISCARD GTK_RESPONSE_REJECT

/* A modal question over @from's window, named @question for a screen
 * reader, @detail below it: Cancel, @discard_label (destructive) and, when
 * @can_save, Save, which Enter presses (as in GNOME's editors); without
 * Save, Enter cancels. Not shown yet: connect "response", then present it. */
GtkWidget *sillon_leave_question_new (GtkWidget *from,
                                      const char *question,
                                      const char *detail,
                                      const char *discard_label,
                                      gboolean can_save);

/* The question before leaving the form titled @form_title (“Log a
 * Session”, “New Person”…) open and not saved: Save, Discard or Cancel. */
GtkWidget *sillon_leave_question_new_for_form (GtkWidget *from,
                                               const char *form_title);

G_END_DECLS
