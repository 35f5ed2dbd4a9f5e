/* sillon-core.h — the whole GTK-free core in one include
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the UI and the CLI, which may use every layer. A file inside the core
 * includes the headers of the layers it may use one by one instead: this
 * header is not on any layer's include path (see docs/HACKING.md).
 */

#pragma once

/* base */
#include "sillon-communes.h"
#include "sillon-data.h"
#include "sillon-date-format.h"
#include "sillon-id-table.h"
#include "sillon-json-member.h"
#include "sillon-number-format.h"
#include "sillon-phone-format.h"
#include "sillon-process.h"
#include "sillon-version.h"
#include "sillon-vocabulary.h"

/* vault */
#include "sillon-recovery-key.h"
#include "sillon-vault-header.h"
#include "sillon-vault.h"
#include "sillon-vfs.h"

/* places */
#include "sillon-opening-hours.h"
#include "sillon-places-import.h"

/* assessment */
#include "sillon-assessment.h"
#include "sillon-questionnaire.h"
#include "sillon-quick-assessment.h"

/* store */
#include "sillon-journal.h"
#include "sillon-store.h"
#include "sillon-vault-session.h"

/* sheets */
#include "sillon-sheet-error.h"
#include "sillon-sheet-fingerprint.h"
#include "sillon-sheet-labels.h"
#include "sillon-sheet-language.h"
#include "sillon-sheet-layout.h"
#include "sillon-sheets.h"

/* stats */
#include "sillon-stats-bundle.h"
#include "sillon-stats-dp.h"
#include "sillon-stats-export.h"
#include "sillon-stats-indicators.h"
#include "sillon-stats-lp.h"
#include "sillon-stats-release.h"

/* demo */
#include "sillon-demo.h"
