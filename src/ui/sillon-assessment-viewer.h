/* sillon-assessment-viewer.h — a saved assessment, read only, compared with another
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sillon-questionnaire.h"
#include "sillon-store.h"

G_BEGIN_DECLS

#define SILLON_TYPE_ASSESSMENT_VIEWER (sillon_assessment_viewer_get_type ())
G_DECLARE_FINAL_TYPE (SillonAssessmentViewer, sillon_assessment_viewer, SILLON, ASSESSMENT_VIEWER, GtkDialog)

/* A dialog on @parent showing the assessment @shown_id among @records (the
 * person's SillonAssessmentRecord*, as the store lists them) as it was
 * saved, with a list to compare it with any other of @records. NULL with
 * an error when a stored assessment cannot be read. */
SillonAssessmentViewer *sillon_assessment_viewer_new (GtkWindow *parent,
                                                      GPtrArray *records,
                                                      gint64 shown_id,
                                                      SillonQuestionnaireRegistry *registry,
                                                      GError **error);

G_END_DECLS
