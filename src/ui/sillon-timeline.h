/* sillon-timeline.h — a person's story: assessments, sessions, workshops, referrals
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sillon-store.h"

G_BEGIN_DECLS

/* Entries shown at first, and added by each "Show more": a screenful and
 * a little more, so that opening a person stays instant. */
#define SILLON_TIMELINE_PAGE_SIZE 30

#define SILLON_TYPE_TIMELINE (sillon_timeline_get_type ())
G_DECLARE_FINAL_TYPE (SillonTimeline, sillon_timeline, SILLON, TIMELINE, GtkBox)

/* Shows the newest SILLON_TIMELINE_PAGE_SIZE entries of @beneficiary_id.
 * The timeline keeps no store: "show-more" asks the page to call
 * sillon_timeline_load_more() with its own. Signals: "open-assessment",
 * "edit-session", "delete-session" (gint64 id), "show-more". */
gboolean sillon_timeline_load (SillonTimeline *self,
                               SillonStore *store,
                               gint64 beneficiary_id,
                               GError **error);
gboolean sillon_timeline_load_more (SillonTimeline *self,
                                    SillonStore *store,
                                    GError **error);
/* Forgets every entry: nothing about the person stays in the widgets. */
void sillon_timeline_clear (SillonTimeline *self);
/* The ids of the assessments shown, newest first. */
GArray *sillon_timeline_get_assessment_ids (SillonTimeline *self);
/* Puts the focus on the first entry; FALSE when there is none. */
gboolean sillon_timeline_focus_first (SillonTimeline *self);

G_END_DECLS
