/* sillon-person-editor.h — correct what is known about a person
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sillon-store.h"

G_BEGIN_DECLS

#define SILLON_PERSON_EDITOR_ERROR (sillon_person_editor_error_quark ())

typedef enum
{
  SILLON_PERSON_EDITOR_ERROR_INVALID, /* a field is not valid; the message says how to fix it */
} SillonPersonEditorError;

GQuark sillon_person_editor_error_quark (void);

#define SILLON_TYPE_PERSON_EDITOR (sillon_person_editor_get_type ())
G_DECLARE_FINAL_TYPE (SillonPersonEditor, sillon_person_editor, SILLON, PERSON_EDITOR, GtkDialog)

/* A form on @parent showing @b; it answers GTK_RESPONSE_OK on Save. */
SillonPersonEditor *sillon_person_editor_new (GtkWindow *parent, const SillonBeneficiary *b);
/* Writes the form's fields into @b (the others are left as they are);
 * FALSE with a message a mediator can act on, and @b unchanged. */
gboolean sillon_person_editor_apply (SillonPersonEditor *self,
                                     SillonBeneficiary *b,
                                     GError **error);
void sillon_person_editor_show_error (SillonPersonEditor *self,
                                      const char *message);

G_END_DECLS
