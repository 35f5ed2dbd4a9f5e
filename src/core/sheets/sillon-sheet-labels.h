/* sillon-sheet-labels.h — the words of the vocabularies, as a person reads them on a sheet
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The national vocabulary and the places' standard give French labels
 * only, and the questionnaire's questions are not names of skills. A sheet
 * needs short words in the person's language: they are English msgids
 * here, translated through the sheet's own catalogue; the French ones are
 * the national labels.
 */

#pragma once

#include "sillon-assessment.h"
#include "sillon-sheet-language.h"

G_BEGIN_DECLS

/* Each returns the label in @language, or NULL for an unknown value. */
const char *sillon_sheet_label_theme (SillonSheetLanguage *language, const char *api);
const char *sillon_sheet_label_skill (SillonSheetLanguage *language, const char *item_id);
const char *sillon_sheet_label_access (SillonSheetLanguage *language, const char *value);
const char *sillon_sheet_label_cost (SillonSheetLanguage *language, const char *value);
const char *sillon_sheet_label_degree (SillonSheetLanguage *language, SillonDegree degree);
const char *sillon_sheet_label_axis (SillonSheetLanguage *language, SillonAxis axis);
const char *sillon_sheet_label_area (SillonSheetLanguage *language, SillonArea area);
/* From the orientation rules' own English label, translated. */
const char *sillon_sheet_label_orientation (SillonSheetLanguage *language,
                                            SillonOrientationRules *rules,
                                            const char *id);
/* The question of a questionnaire item, and the label of one of its
 * answers, from the questionnaire's own English text, translated. */
const char *sillon_sheet_label_question (SillonSheetLanguage *language, guint version, const char *item_id);
const char *sillon_sheet_label_answer (SillonSheetLanguage *language, guint version, const char *item_id, gint64 value);
/* The name of a member of the person's JSON export (docs/DATA-EXPORT.md). */
const char *sillon_sheet_label_export_member (SillonSheetLanguage *language, const char *member);

G_END_DECLS
