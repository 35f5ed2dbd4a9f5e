/* sillon-session-editor.h — log or edit one session (accompagnement individuel)
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sillon-questionnaire.h"
#include "sillon-store.h"

G_BEGIN_DECLS

#define SILLON_SESSION_EDITOR_ERROR (sillon_session_editor_error_quark ())

typedef enum
{
  SILLON_SESSION_EDITOR_ERROR_INVALID, /* a field is not valid; the message says how to fix it */
} SillonSessionEditorError;

GQuark sillon_session_editor_error_quark (void);

#define SILLON_TYPE_SESSION_EDITOR (sillon_session_editor_get_type ())
G_DECLARE_FINAL_TYPE (SillonSessionEditor, sillon_session_editor, SILLON, SESSION_EDITOR, GtkDialog)

/* The Coop's duration choices, in minutes (Duree.choices_minutes), and the
 * one a new session starts with. */
#define SILLON_SESSION_DEFAULT_DURATION 30

/* A dialog on @parent for @session: a new one (id 0) starts as @session
 * says (today, the default duration, the last place type), an existing one
 * shows what was logged. The lists come from @vocabulary and the savoir
 * items of @questionnaire (may be NULL: no skills to choose). The dialog
 * answers GTK_RESPONSE_OK on Save and Ctrl+Enter. */
SillonSessionEditor *sillon_session_editor_new (GtkWindow *parent,
                                                SillonVocabulary *vocabulary,
                                                SillonQuestionnaire *questionnaire,
                                                const SillonSession *session);
/* The session as the form says, on a copy of the one given to _new(); NULL
 * with a message a mediator can act on when a field is not valid. */
SillonSession *sillon_session_editor_get_session (SillonSessionEditor *self,
                                                  GError **error) G_GNUC_WARN_UNUSED_RESULT;
/* What the form holds, even when it could not be saved yet (no theme, an
 * unreadable date: the date given to _new() then), to open the form again
 * as it was after a lock. */
SillonSession *sillon_session_editor_get_draft (SillonSessionEditor *self) G_GNUC_WARN_UNUSED_RESULT;
/* Shows @message (NULL: none) at the top of the form. */
void sillon_session_editor_show_error (SillonSessionEditor *self,
                                       const char *message);

G_END_DECLS
