/* sillon-stats-dp.h — differential privacy: integer discrete-Laplace noise
 * and the vault's privacy-budget ledger
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sillon-stats-release.h"
#include "sillon-store.h"

G_BEGIN_DECLS

/* ε is handled in millionths, as integers, so that the ledger's sums are
 * exact. */
#define SILLON_STATS_EPSILON_UNIT G_GINT64_CONSTANT (1000000)
/* The budget of one calendar year when none was set: ε = 1. */
#define SILLON_STATS_DEFAULT_YEAR_BUDGET SILLON_STATS_EPSILON_UNIT

/* "0.5" → 500000; FALSE for anything but a positive decimal with at most
 * six decimals. */
gboolean sillon_stats_epsilon_parse (const char *text, gint64 *out_micro, GError **error);

/* One draw of the discrete Laplace law P(x) ∝ exp(−|x| · num / den), by
 * Canonne, Kamath and Steinke's exact algorithm: integer arithmetic and
 * uniform integers from libsodium's CSPRNG only, no floating point. */
gint64 sillon_stats_discrete_laplace (guint64 num, guint64 den);

/* Replaces the release's publication with noisy counts of distinct people
 * (tables of people only: their sensitivity is bounded), ε split evenly
 * over those tables, margins consistent (sums of the noisy cells wherever
 * the table adds up, cells below zero set to zero first). Does not touch
 * the ledger: call sillon_stats_dp_charge() first. */
gboolean sillon_stats_release_add_noise (SillonStatsRelease *release,
                                         gint64 epsilon_micro,
                                         GError **error);

/* The ledger: every noisy release is charged to each calendar year its
 * period touches; a release that would take a year over its budget is
 * refused (SILLON_STATS_ERROR_BUDGET) and nothing is charged. */
gboolean sillon_stats_dp_charge (SillonStore *store,
                                 const char *from,
                                 const char *to,
                                 gint64 epsilon_micro,
                                 GError **error);
/* -1 on error. */
gint64 sillon_stats_dp_spent (SillonStore *store, int year, GError **error);
gint64 sillon_stats_dp_budget (SillonStore *store, int year, GError **error);
gboolean sillon_stats_dp_set_budget (SillonStore *store, int year, gint64 epsilon_micro, GError **error);

/* One charge of the ledger, as sillon_stats_dp_charge() recorded it. */
typedef struct
{
  int year;
  char *period_from; /* "YYYY-MM" */
  char *period_to;
  gint64 epsilon_micro;
  gint64 released_unix;
} SillonStatsLedgerEntry;

void sillon_stats_ledger_entry_free (SillonStatsLedgerEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SillonStatsLedgerEntry, sillon_stats_ledger_entry_free)

/* Every charge, oldest first (a GPtrArray that frees its entries), or NULL
 * and @error. */
GPtrArray *sillon_stats_dp_list_ledger (SillonStore *store, GError **error);

G_END_DECLS
