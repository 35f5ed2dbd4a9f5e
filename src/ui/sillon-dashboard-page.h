/* sillon-dashboard-page.h — the statistics of a period: charts, tables, exports
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sillon-core.h"
#include "sillon-page.h"

G_BEGIN_DECLS

#define SILLON_TYPE_DASHBOARD_PAGE (sillon_dashboard_page_get_type ())
G_DECLARE_FINAL_TYPE (SillonDashboardPage, sillon_dashboard_page, SILLON, DASHBOARD_PAGE, SillonPage)

/* Computes the chosen period's statistics again and shows them; an error
 * is shown in the page. */
void sillon_dashboard_page_refresh (SillonDashboardPage *self);

/* The published tables the page shows; NULL while they are computed, or
 * when nothing is shown (locked, an error). */
const SillonStatsRelease *sillon_dashboard_page_get_release (SillonDashboardPage *self);

/* Drops the computation under way, if any (before the vault locks). */
void sillon_dashboard_page_stop (SillonDashboardPage *self);

G_END_DECLS
