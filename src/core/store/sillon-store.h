/* sillon-store.h — the data store: schema, migrations and repository functions
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store works on any open SQLite connection: the vault's, or a plain
 * in-memory one in tests. It never owns the connection.
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "sillon-places-import.h"
#include "sillon-store-enums.h"
#include "sillon-vocabulary.h"

G_BEGIN_DECLS

#define SILLON_STORE_ERROR (sillon_store_error_quark ())

typedef enum
{
  SILLON_STORE_ERROR_NOT_FOUND,
  SILLON_STORE_ERROR_INVALID,    /* a field is invalid; the message names it */
  SILLON_STORE_ERROR_TOO_LARGE,  /* a free-text field exceeds its maximum size */
  SILLON_STORE_ERROR_CONSTRAINT, /* a database constraint refused the change */
  SILLON_STORE_ERROR_SCHEMA_TOO_NEW,
  SILLON_STORE_ERROR_SQL,
  SILLON_STORE_ERROR_VOCABULARY, /* the national vocabulary could not be loaded */
} SillonStoreError;

GQuark sillon_store_error_quark (void);

/* The schema version this build writes. */
#define SILLON_STORE_SCHEMA_VERSION 4

/* Free-text notes are for practical remarks, not files. */
#define SILLON_STORE_MAX_NOTES_BYTES (64 * 1024)
/* Short texts (names, reasons, titles…). */
#define SILLON_STORE_MAX_TEXT_BYTES 4096
/* Answers and results of an assessment, as JSON. */
#define SILLON_STORE_MAX_JSON_BYTES (256 * 1024)

#define SILLON_STORE_DEFAULT_RETENTION_MONTHS 12

typedef struct _SillonStore SillonStore;

/* Runs the migrations, enables foreign keys and secure_delete, and loads the
 * national vocabulary with sillon_vocabulary_new_default(). */
SillonStore *sillon_store_new (sqlite3 *db, GError **error) G_GNUC_WARN_UNUSED_RESULT;
/* Same, with a vocabulary the caller already loaded (the store takes it). */
SillonStore *sillon_store_new_with_vocabulary (sqlite3 *db,
                                               SillonVocabulary *vocabulary,
                                               GError **error) G_GNUC_WARN_UNUSED_RESULT;
/* Finalizes the store's prepared statements: free the store before the
 * connection is closed (before sillon_vault_lock()). */
void sillon_store_free (SillonStore *store);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SillonStore, sillon_store_free)

sqlite3 *sillon_store_get_db (SillonStore *store);
/* sillon_vault_error_if_tampered () for the layers that reach the vault
 * through the store (the statistics): TRUE, with @error set to
 * SILLON_VAULT_ERROR_TAMPERED, when the failure @rc (an extended result
 * code) comes from a damaged or tampered vault; FALSE, @error untouched,
 * otherwise. */
gboolean sillon_store_error_if_tampered (int rc, GError **error);
SillonVocabulary *sillon_store_get_vocabulary (SillonStore *store);
int sillon_store_get_schema_version (SillonStore *store);
/* The schema version written in @db (SQLite's user_version): 0 for a vault
 * Sillon never opened, above SILLON_STORE_SCHEMA_VERSION for one a newer
 * Sillon wrote. Reads it without migrating anything. */
gboolean sillon_store_read_schema_version (sqlite3 *db, int *out_version, GError **error);

/* Groups many writes in one transaction (nests with savepoints). */
gboolean sillon_store_begin (SillonStore *store, GError **error);
gboolean sillon_store_commit (SillonStore *store, GError **error);
void sillon_store_rollback (SillonStore *store);

/* The same as a guard that rolls back unless committed, so that no error
 * path can forget to:
 *
 *   g_autoptr (SillonStoreTransaction) tx = sillon_store_transaction_begin (store, error);
 *
 *   if (tx == NULL || !write_this (store, error) || !write_that (store, error))
 *     return FALSE;
 *   return sillon_store_transaction_commit (tx, error);
 *
 * Declare it before the statements it guards: they are then reset before it
 * rolls back. A failed commit rolls back at once. */
typedef struct _SillonStoreTransaction SillonStoreTransaction;

SillonStoreTransaction *sillon_store_transaction_begin (SillonStore *store, GError **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean sillon_store_transaction_commit (SillonStoreTransaction *tx, GError **error);
/* Rolls back if not committed. */
void sillon_store_transaction_free (SillonStoreTransaction *tx);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SillonStoreTransaction, sillon_store_transaction_free)

/* ── Mediators ─────────────────────────────────────────────────────────── */

typedef struct
{
  gint64 id;
  char *display_name;
  int vault_slot; /* -1: none */
  gint64 created_unix;
} SillonMediator;

SillonMediator *sillon_mediator_new (void);
void sillon_mediator_free (SillonMediator *m);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SillonMediator, sillon_mediator_free)

gboolean sillon_store_insert_mediator (SillonStore *store, SillonMediator *m, GError **error);
gboolean sillon_store_update_mediator (SillonStore *store, const SillonMediator *m, GError **error);
SillonMediator *sillon_store_get_mediator (SillonStore *store, gint64 id, GError **error);
GPtrArray *sillon_store_list_mediators (SillonStore *store, GError **error);
gboolean sillon_store_delete_mediator (SillonStore *store, gint64 id, GError **error);

/* ── Beneficiaries ─────────────────────────────────────────────────────── */

typedef struct
{
  gint64 id;
  char *first_name; /* NULL: not given (anonymous beneficiaries exist) */
  char *last_name;
  int birth_year;      /* 0: unknown; the age bracket is derived, never stored */
  char *gender;        /* Genre api value, NULL: not given */
  char *social_status; /* StatutSocial api value */
  char *commune_insee;
  char *phone;
  char *email;
  char *sheet_language; /* "fr", "en"…; NULL: the vault's default */
  char *notes;
  gint64 mediator_id; /* 0: none */
  gboolean anonymised;
  gint64 created_unix;
  gint64 updated_unix;
} SillonBeneficiary;

SillonBeneficiary *sillon_beneficiary_new (void);
void sillon_beneficiary_free (SillonBeneficiary *b);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SillonBeneficiary, sillon_beneficiary_free)

gboolean sillon_store_insert_beneficiary (SillonStore *store, SillonBeneficiary *b, GError **error);
gboolean sillon_store_update_beneficiary (SillonStore *store, SillonBeneficiary *b, GError **error);
SillonBeneficiary *sillon_store_get_beneficiary (SillonStore *store, gint64 id, GError **error);
/* Ordered by last then first name; @limit 0 means no limit. */
GPtrArray *sillon_store_list_beneficiaries (SillonStore *store, guint limit, guint offset, GError **error);
gint64 sillon_store_count_beneficiaries (SillonStore *store, GError **error);
/* The people most recently seen in a session, most recent first, at most
 * @limit of them (the first screen's list). */
GPtrArray *sillon_store_list_recent_beneficiaries (SillonStore *store, guint limit, GError **error);
/* The date (YYYY-MM-DD) of @beneficiary_id's last session, in @out_date
 * (NULL when they have none). FALSE only on error. One indexed lookup: the
 * people list asks it for every row it shows. */
gboolean sillon_store_get_last_session_date (SillonStore *store,
                                             gint64 beneficiary_id,
                                             char **out_date,
                                             GError **error);
/* Plain delete; for the right to erasure use sillon_store_erase_beneficiary(). */
gboolean sillon_store_delete_beneficiary (SillonStore *store, gint64 id, GError **error);

/* The Coop age bracket (TrancheAge api value) at @reference (NULL: today). */
const char *sillon_store_beneficiary_age_bracket (SillonStore *store,
                                                  const SillonBeneficiary *b,
                                                  const GDate *reference,
                                                  GError **error);

/* Search-as-you-type on names: accent- and case-insensitive, prefix match of
 * every word, then typo-tolerant matches. The words typed as a name is
 * written come first: one word, the start of a last name; several, the
 * start of the last name and of the first name in either order; then
 * whole name words before their beginnings; then by name.
 * Element type: SillonBeneficiary*. */
GPtrArray *sillon_store_search_beneficiaries (SillonStore *store,
                                              const char *query,
                                              guint limit,
                                              GError **error);

/* People a search puts first among equal matches (see
 * sillon_store_search_beneficiaries_favouring()). */
typedef struct _SillonSearchFavour SillonSearchFavour;

/* How far back the people who came to workshops are the workshops' public:
 * eight weeks, a term's weekly series. */
#define SILLON_STORE_RECENT_WORKSHOP_DAYS 56
/* Of those, the ones of the last two weeks come first: the last session of
 * a weekly or fortnightly series. */
#define SILLON_STORE_LATEST_WORKSHOP_DAYS 14

/* The people with a step of their parcours planned on @date (YYYY-MM-DD),
 * not done nor tied to a workshop or session yet, then those who came to
 * another workshop than @workshop_id (0: not saved yet) in the
 * SILLON_STORE_RECENT_WORKSHOP_DAYS days up to @date, at @place_id (0:
 * none) before elsewhere, each of those in the last
 * SILLON_STORE_LATEST_WORKSHOP_DAYS days before the earlier ones;
 * anonymised people are left out. NULL with @error
 * if @date is not a date or the store cannot say. */
SillonSearchFavour *sillon_store_favour_recent_attendees (SillonStore *store,
                                                          gint64 workshop_id,
                                                          const char *date,
                                                          gint64 place_id,
                                                          GError **error);
guint sillon_search_favour_get_size (const SillonSearchFavour *favour);
void sillon_search_favour_free (SillonSearchFavour *favour);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SillonSearchFavour, sillon_search_favour_free)

/* sillon_store_search_beneficiaries(), where among people who match alike
 * (same tier, same whole words) those of @favour (NULL: none) come first. */
GPtrArray *sillon_store_search_beneficiaries_favouring (SillonStore *store,
                                                        const char *query,
                                                        const SillonSearchFavour *favour,
                                                        guint limit,
                                                        GError **error);

/* Lower case, accents removed, punctuation to spaces, spaces collapsed. */
char *sillon_store_fold (const char *text) G_GNUC_WARN_UNUSED_RESULT;

/* ── Duplicates and merge ──────────────────────────────────────────────── */

typedef struct
{
  gint64 beneficiary_id;
  guint score; /* number of signals: similar last name, similar first name, equal phone, equal e-mail */
  gboolean last_name_similar;
  gboolean first_name_similar;
  gboolean phone_equal;
  gboolean email_equal;
} SillonDuplicate;

#define SILLON_STORE_DUPLICATE_MIN_SCORE 2

/* Beneficiaries that look like @b (which need not be stored yet; if it is,
 * itself is excluded), best first. Element type: SillonDuplicate* (g_free). */
GPtrArray *sillon_store_find_duplicates (SillonStore *store,
                                         const SillonBeneficiary *b,
                                         GError **error);
/* Moves every session, assessment, consent, referral, parcours and workshop
 * attendance of @drop_id to @keep_id, fills @keep_id's empty fields from
 * @drop_id, then erases @drop_id. */
gboolean sillon_store_merge_beneficiaries (SillonStore *store,
                                           gint64 keep_id,
                                           gint64 drop_id,
                                           GError **error);

/* ── Consents ──────────────────────────────────────────────────────────── */

typedef struct
{
  gint64 id;
  gint64 beneficiary_id;
  char *date; /* YYYY-MM-DD */
  char *told; /* what the person was told */
  char *scope;
} SillonConsent;

SillonConsent *sillon_consent_new (void);
void sillon_consent_free (SillonConsent *c);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SillonConsent, sillon_consent_free)

gboolean sillon_store_insert_consent (SillonStore *store, SillonConsent *c, GError **error);
gboolean sillon_store_update_consent (SillonStore *store, const SillonConsent *c, GError **error);
SillonConsent *sillon_store_get_consent (SillonStore *store, gint64 id, GError **error);
GPtrArray *sillon_store_list_consents (SillonStore *store, gint64 beneficiary_id, GError **error);
gboolean sillon_store_delete_consent (SillonStore *store, gint64 id, GError **error);

/* ── Assessments ───────────────────────────────────────────────────────── */

typedef struct
{
  gint64 id;
  gint64 beneficiary_id;
  gint64 mediator_id; /* 0: none */
  char *date;         /* YYYY-MM-DD */
  char *questionnaire_id;
  int questionnaire_version;
  char *answers_json; /* produced by the assessment module */
  char *result_json;
  char *override_json;   /* NULL: no override */
  char *override_reason; /* required when override_json is set */
} SillonAssessmentRecord;

SillonAssessmentRecord *sillon_assessment_record_new (void);
void sillon_assessment_record_free (SillonAssessmentRecord *a);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SillonAssessmentRecord, sillon_assessment_record_free)

gboolean sillon_store_insert_assessment (SillonStore *store, SillonAssessmentRecord *a, GError **error);
gboolean sillon_store_update_assessment (SillonStore *store, const SillonAssessmentRecord *a, GError **error);
SillonAssessmentRecord *sillon_store_get_assessment (SillonStore *store, gint64 id, GError **error);
/* Oldest first, so that progress reads left to right. */
GPtrArray *sillon_store_list_assessments (SillonStore *store, gint64 beneficiary_id, GError **error);
gboolean sillon_store_delete_assessment (SillonStore *store, gint64 id, GError **error);

/* ── Sessions (accompagnements individuels) ────────────────────────────── */

/* The nicks are stored: never change one. Unset is never written. */
typedef enum
{
  SILLON_HELP_MODE_UNSET = 0,     /*< skip >*/
  SILLON_HELP_MODE_FAIRE_POUR,    /*< nick=faire_pour >*/
  SILLON_HELP_MODE_FAIRE_AVEC,    /*< nick=faire_avec >*/
  SILLON_HELP_MODE_LAISSER_FAIRE, /*< nick=laisser_faire >*/
} SillonHelpMode;

const char *sillon_help_mode_to_string (SillonHelpMode mode);
SillonHelpMode sillon_help_mode_from_string (const char *text);

typedef struct
{
  gint64 id;
  gint64 beneficiary_id;
  gint64 mediator_id; /* 0: none */
  char *date;         /* YYYY-MM-DD, at most one day ahead */
  guint duration_minutes;
  char *place_type;   /* TypeLieu */
  gint64 place_id;    /* 0: none */
  GStrv equipment;    /* Materiel */
  GStrv themes;       /* Thematique_mediation_numerique, at least one */
  GStrv admin_themes; /* Thematique_demarches_administratives */
  char *admin_detail; /* the administrative procedure, free text */
  char *autonomy;     /* Autonomie, NULL: not assessed */
  SillonHelpMode help_mode;
  GStrv skills; /* savoir item ids of the questionnaire */
  gboolean referred;
  char *referral_destination; /* StructureDeRedirection, only when referred */
  char *notes;
} SillonSession;

SillonSession *sillon_session_new (void);
void sillon_session_free (SillonSession *s);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SillonSession, sillon_session_free)

gboolean sillon_store_insert_session (SillonStore *store, SillonSession *s, GError **error);
gboolean sillon_store_update_session (SillonStore *store, const SillonSession *s, GError **error);
SillonSession *sillon_store_get_session (SillonStore *store, gint64 id, GError **error);
/* Most recent first. */
GPtrArray *sillon_store_list_sessions (SillonStore *store, gint64 beneficiary_id, GError **error);
/* Every session on @date (YYYY-MM-DD), in the order they were logged. */
GPtrArray *sillon_store_list_sessions_on (SillonStore *store, const char *date, GError **error);
gboolean sillon_store_delete_session (SillonStore *store, gint64 id, GError **error);
/* The place type of the most recently logged session, to offer it again;
 * NULL (and no error) when no session was ever logged. */
char *sillon_store_last_session_place_type (SillonStore *store, GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* ── A person's timeline ───────────────────────────────────────────────── */

/* The nicks are stable: tests and the UI name kinds by them. */
typedef enum
{
  SILLON_TIMELINE_ASSESSMENT, /*< nick=assessment >*/
  SILLON_TIMELINE_SESSION,    /*< nick=session >*/
  SILLON_TIMELINE_WORKSHOP,   /*< nick=workshop >*/
  SILLON_TIMELINE_REFERRAL,   /*< nick=referral >*/
} SillonTimelineKind;

typedef struct
{
  SillonTimelineKind kind;
  gint64 id;  /* the record's id in its own table */
  char *date; /* YYYY-MM-DD */
} SillonTimelineEntry;

void sillon_timeline_entry_free (SillonTimelineEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SillonTimelineEntry, sillon_timeline_entry_free)

/* Everything that happened with @beneficiary_id — assessments, sessions,
 * workshops attended and referrals — newest first (same day: the latest
 * recorded first), @limit entries from @offset (@limit 0: all), so that a
 * page shows hundreds of entries a page at a time. Element type:
 * SillonTimelineEntry*. */
GPtrArray *sillon_store_list_timeline (SillonStore *store,
                                       gint64 beneficiary_id,
                                       guint limit,
                                       guint offset,
                                       GError **error);
gint64 sillon_store_count_timeline (SillonStore *store, gint64 beneficiary_id, GError **error);

/* ── Workshops (ateliers collectifs) ───────────────────────────────────── */

/* Anonymous participants, in the order of the Coop's ParticipantsAnonymes. */
typedef enum
{
  SILLON_ANON_TOTAL,
  SILLON_ANON_DEJA_ACCOMPAGNE,
  SILLON_ANON_GENRE_FEMININ,
  SILLON_ANON_GENRE_MASCULIN,
  SILLON_ANON_GENRE_NON_COMMUNIQUE,
  SILLON_ANON_AGE_MOINS_DE_DOUZE,
  SILLON_ANON_AGE_DOUZE_DIX_HUIT,
  SILLON_ANON_AGE_DIX_HUIT_VINGT_QUATRE,
  SILLON_ANON_AGE_VINGT_CINQ_TRENTE_NEUF,
  SILLON_ANON_AGE_QUARANTE_CINQUANTE_NEUF,
  SILLON_ANON_AGE_SOIXANTE_SOIXANTE_NEUF,
  SILLON_ANON_AGE_SOIXANTE_DIX_PLUS,
  SILLON_ANON_AGE_NON_COMMUNIQUE,
  SILLON_ANON_STATUT_SCOLARISE,
  SILLON_ANON_STATUT_SANS_EMPLOI,
  SILLON_ANON_STATUT_EN_EMPLOI,
  SILLON_ANON_STATUT_RETRAITE,
  SILLON_ANON_STATUT_NON_COMMUNIQUE,
  SILLON_ANON_N_COUNTS,
} SillonAnonCount;

/* The Coop's name of a count, e.g. "genreFeminin". */
const char *sillon_anon_count_name (SillonAnonCount count);

typedef struct
{
  gint64 id;
  gint64 mediator_id; /* 0: none */
  char *title;
  char *level; /* NiveauAtelier, NULL: not given */
  GStrv themes;
  char *date; /* YYYY-MM-DD */
  guint duration_minutes;
  char *place_type; /* TypeLieu */
  gint64 place_id;  /* 0: none */
  GStrv equipment;
  char *notes;
  guint anon[SILLON_ANON_N_COUNTS];
  GArray *attendees; /* gint64 beneficiary ids of named participants */
} SillonWorkshop;

SillonWorkshop *sillon_workshop_new (void);
void sillon_workshop_free (SillonWorkshop *w);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SillonWorkshop, sillon_workshop_free)

/* Attendance is written with the workshop: update replaces the list. */
gboolean sillon_store_insert_workshop (SillonStore *store, SillonWorkshop *w, GError **error);
gboolean sillon_store_update_workshop (SillonStore *store, const SillonWorkshop *w, GError **error);
SillonWorkshop *sillon_store_get_workshop (SillonStore *store, gint64 id, GError **error);
/* Between two dates (NULL: unbounded), most recent first. */
GPtrArray *sillon_store_list_workshops (SillonStore *store, const char *from, const char *to, GError **error);
/* The @limit most recent workshops on or before @to (YYYY-MM-DD), most
 * recent first, and in *@out_total how many there are in all: what a list
 * of past workshops shows without reading every one. */
GPtrArray *sillon_store_list_workshops_before (SillonStore *store,
                                               const char *to,
                                               guint limit,
                                               guint *out_total,
                                               GError **error);
/* Workshops a beneficiary attended, most recent first. */
GPtrArray *sillon_store_list_workshops_of (SillonStore *store, gint64 beneficiary_id, GError **error);
gboolean sillon_store_delete_workshop (SillonStore *store, gint64 id, GError **error);
/* The named participants of a workshop as people, in the order of its
 * attendees (SillonBeneficiary*): one query, not one per person. */
GPtrArray *sillon_store_list_workshop_attendees (SillonStore *store, gint64 workshop_id, GError **error);
/* Who is expected at a workshop, by name (SillonBeneficiary*): the trainees
 * with a step of their parcours on it (@workshop_id, 0: not saved yet),
 * and those who came to the previous workshop of its series: the latest
 * other workshop titled @title before @date (YYYY-MM-DD; the same day: one
 * planned earlier) with anyone on its attendance list. "Plan the Next One"
 * keeps the title, so a series is the workshops of one title. Anonymised
 * people are left out. */
GPtrArray *sillon_store_list_expected_attendees (SillonStore *store,
                                                 gint64 workshop_id,
                                                 const char *title,
                                                 const char *date,
                                                 GError **error);

/* ── Parcours ──────────────────────────────────────────────────────────── */

typedef struct
{
  gint64 id;
  gint64 parcours_id;
  guint position;
  char *planned_date; /* YYYY-MM-DD, NULL: not scheduled */
  char *label;
  gint64 workshop_id; /* 0: none (a planned individual session) */
  gint64 session_id;  /* 0: not done yet */
  gboolean done;
} SillonParcoursItem;

typedef struct
{
  gint64 id;
  gint64 beneficiary_id;
  char *title;
  char *goal;
  gint64 created_unix;
  GPtrArray *items; /* SillonParcoursItem*, by position */
} SillonParcours;

SillonParcoursItem *sillon_parcours_item_new (void);
void sillon_parcours_item_free (SillonParcoursItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SillonParcoursItem, sillon_parcours_item_free)
SillonParcours *sillon_parcours_new (void);
void sillon_parcours_free (SillonParcours *p);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SillonParcours, sillon_parcours_free)

/* Items are written with the parcours: update replaces them. */
gboolean sillon_store_insert_parcours (SillonStore *store, SillonParcours *p, GError **error);
gboolean sillon_store_update_parcours (SillonStore *store, SillonParcours *p, GError **error);
SillonParcours *sillon_store_get_parcours (SillonStore *store, gint64 id, GError **error);
GPtrArray *sillon_store_list_parcours (SillonStore *store, gint64 beneficiary_id, GError **error);
gboolean sillon_store_delete_parcours (SillonStore *store, gint64 id, GError **error);

/* ── Referrals (orientations) ──────────────────────────────────────────── */

/* The nicks are stored: never change one. */
typedef enum
{
  SILLON_REFERRAL_ISSUED,   /*< nick=issued >*/
  SILLON_REFERRAL_HONOURED, /*< nick=honoured >*/
  SILLON_REFERRAL_UNKNOWN,  /*< nick=unknown >*/
  /* The person did not go, or the place could not help (schema version 4). */
  SILLON_REFERRAL_NOT_HONOURED, /*< nick=not-honoured >*/
} SillonReferralStatus;

const char *sillon_referral_status_to_string (SillonReferralStatus status);

typedef struct
{
  gint64 id;
  gint64 beneficiary_id;
  gint64 session_id;  /* the session it was made at the end of, one of the
                       * same person's; 0: none, or that session was deleted */
  gint64 place_id;    /* 0: a place outside the directory */
  gint64 mediator_id; /* 0: none */
  char *date;         /* YYYY-MM-DD */
  char *destination;  /* StructureDeRedirection, NULL: not given */
  char *reason;
  char *already_done;
  char *documents;
  gboolean consent_to_share;
  char *consent_details; /* what the person agreed to share; NULL without consent */
  SillonReferralStatus status;
  char *sheet_fingerprint; /* NULL until printed */
} SillonReferral;

SillonReferral *sillon_referral_new (void);
void sillon_referral_free (SillonReferral *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SillonReferral, sillon_referral_free)

gboolean sillon_store_insert_referral (SillonStore *store, SillonReferral *r, GError **error);
gboolean sillon_store_update_referral (SillonStore *store, const SillonReferral *r, GError **error);
SillonReferral *sillon_store_get_referral (SillonStore *store, gint64 id, GError **error);
GPtrArray *sillon_store_list_referrals (SillonStore *store, gint64 beneficiary_id, GError **error);
/* The referrals made at the end of session @session_id, oldest first
 * (usually one). Deleting a session keeps its referrals: their session_id
 * becomes 0. Element type: SillonReferral*. */
GPtrArray *sillon_store_list_session_referrals (SillonStore *store, gint64 session_id, GError **error);
/* The referral whose printed sheet carries @fingerprint. */
SillonReferral *sillon_store_find_referral_by_fingerprint (SillonStore *store,
                                                           const char *fingerprint,
                                                           GError **error);
gboolean sillon_store_delete_referral (SillonStore *store, gint64 id, GError **error);

/* A referral still waiting for news, with what a list of them shows. */
typedef struct
{
  SillonReferral *referral;
  char *first_name;    /* the person's, NULL: not given */
  char *last_name;     /* NULL: not given */
  char *place_name;    /* the directory's place, NULL: none */
  char *place_commune; /* NULL: none or not given */
} SillonReferralFollowUp;

void sillon_referral_follow_up_free (SillonReferralFollowUp *f);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SillonReferralFollowUp, sillon_referral_follow_up_free)

/* Referrals still "issued" (nobody knows yet whether the person went),
 * issued at least @min_age_days days before @today (YYYY-MM-DD; NULL: the
 * local date), or every issued one when @min_age_days is 0; newest first.
 * Element type: SillonReferralFollowUp*. */
GPtrArray *sillon_store_list_referrals_to_follow_up (SillonStore *store,
                                                     guint min_age_days,
                                                     const char *today,
                                                     GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* ── Places (lieux de médiation numérique) ─────────────────────────────── */

/* The fields of the national standard (reference/lieux/schema.json), in its order. */
typedef enum
{
  SILLON_PLACE_COL_ID,
  SILLON_PLACE_COL_PIVOT,
  SILLON_PLACE_COL_NOM,
  SILLON_PLACE_COL_COMMUNE,
  SILLON_PLACE_COL_CODE_POSTAL,
  SILLON_PLACE_COL_CODE_INSEE,
  SILLON_PLACE_COL_ADRESSE,
  SILLON_PLACE_COL_COMPLEMENT_ADRESSE,
  SILLON_PLACE_COL_LATITUDE,
  SILLON_PLACE_COL_LONGITUDE,
  SILLON_PLACE_COL_TYPOLOGIE,
  SILLON_PLACE_COL_TELEPHONE,
  SILLON_PLACE_COL_COURRIELS,
  SILLON_PLACE_COL_SITE_WEB,
  SILLON_PLACE_COL_HORAIRES,
  SILLON_PLACE_COL_PRESENTATION_RESUME,
  SILLON_PLACE_COL_PRESENTATION_DETAIL,
  SILLON_PLACE_COL_SOURCE,
  SILLON_PLACE_COL_ITINERANCE,
  SILLON_PLACE_COL_STRUCTURE_PARENTE,
  SILLON_PLACE_COL_DATE_MAJ,
  SILLON_PLACE_COL_SERVICES,
  SILLON_PLACE_COL_PUBLICS_SPECIFIQUEMENT_ADRESSES,
  SILLON_PLACE_COL_PRISE_EN_CHARGE_SPECIFIQUE,
  SILLON_PLACE_COL_FRAIS_A_CHARGE,
  SILLON_PLACE_COL_DISPOSITIF_PROGRAMMES_NATIONAUX,
  SILLON_PLACE_COL_FORMATIONS_LABELS,
  SILLON_PLACE_COL_AUTRES_FORMATIONS_LABELS,
  SILLON_PLACE_COL_MODALITES_ACCES,
  SILLON_PLACE_COL_MODALITES_ACCOMPAGNEMENT,
  SILLON_PLACE_COL_FICHE_ACCES_LIBRE,
  SILLON_PLACE_COL_PRISE_RDV,
  SILLON_PLACE_N_COLUMNS,
} SillonPlaceColumn;

/* The schema's field name, e.g. "code_postal". */
const char *sillon_place_column_name (SillonPlaceColumn field);
/* -1 for an unknown name. */
int sillon_place_column_from_name (const char *name);
/* Multi-valued fields ("|"-separated in the CSV) are stored as arrays. */
gboolean sillon_place_column_is_multi (SillonPlaceColumn field);

typedef struct
{
  gint64 id;              /* Sillon's own id; the standard's "id" is values[SILLON_PLACE_COL_ID] */
  gboolean own_structure; /* the vault owner's structure */
  /* Single-valued fields as text (latitude/longitude too, as imported);
   * NULL: empty. Unused for multi-valued fields. */
  char *values[SILLON_PLACE_N_COLUMNS];
  /* Multi-valued fields; NULL: empty. Unused for single-valued fields. */
  GStrv multi[SILLON_PLACE_N_COLUMNS];
  /* Field names whose value was kept although invalid (e.g. "horaires"). */
  GStrv flagged;
} SillonPlaceRecord;

SillonPlaceRecord *sillon_place_record_new (void);
void sillon_place_record_free (SillonPlaceRecord *p);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SillonPlaceRecord, sillon_place_record_free)

void sillon_place_record_set (SillonPlaceRecord *p, SillonPlaceColumn field, const char *value);
void sillon_place_record_set_multi (SillonPlaceRecord *p, SillonPlaceColumn field, const char *const *values);
gboolean sillon_place_record_is_flagged (const SillonPlaceRecord *p, SillonPlaceColumn field);
void sillon_place_record_flag (SillonPlaceRecord *p, SillonPlaceColumn field);

/* From a place read by sillon-places-import.c, flagged fields kept. */
SillonPlaceRecord *sillon_place_record_new_from_import (const SillonPlace *place) G_GNUC_WARN_UNUSED_RESULT;

gboolean sillon_store_insert_place (SillonStore *store, SillonPlaceRecord *p, GError **error);
/* The id of the stored place with @p's standard id and source, 0 when there
 * is none (or @p has no standard id): re-importing it replaces that one. */
gboolean sillon_store_find_place (SillonStore *store, const SillonPlaceRecord *p, gint64 *out_id, GError **error);
/* Inserts, or replaces the place with the same standard id and source. */
gboolean sillon_store_upsert_place (SillonStore *store, SillonPlaceRecord *p, GError **error);
/* Stores every place read from a file (SillonPlace*), each replacing the
 * place with the same standard id and source if there is one, and counts
 * new and updated ones. On failure *@out_failed is the place the store
 * refused; the caller's transaction keeps the import whole. */
gboolean sillon_store_import_places (SillonStore *store,
                                     GPtrArray *places,
                                     guint *out_new,
                                     guint *out_updated,
                                     const SillonPlace **out_failed,
                                     GError **error);
gboolean sillon_store_update_place (SillonStore *store, const SillonPlaceRecord *p, GError **error);
SillonPlaceRecord *sillon_store_get_place (SillonStore *store, gint64 id, GError **error);
GPtrArray *sillon_store_list_places (SillonStore *store, GError **error);
/* The vault owner's structure (the place marked own_structure; the oldest if
 * several are), in *@out_place, or NULL when no place is marked: that is not
 * an error, a sheet then simply has no structure block. FALSE and @error only
 * when the database cannot be read. */
gboolean sillon_store_get_own_structure (SillonStore *store, SillonPlaceRecord **out_place, GError **error);
gboolean sillon_store_delete_place (SillonStore *store, gint64 id, GError **error);
/* Matches name, commune, postal code, INSEE code and services, accent- and
 * case-insensitively, every word as a prefix. */
GPtrArray *sillon_store_search_places (SillonStore *store, const char *query, guint limit, GError **error);
/* The same matches, nearest first to the commune @commune_insee (NULL: as
 * sillon_store_search_places()): places of that commune, then of its
 * département, then the others; each ring's first matches, by name within
 * it. The list of communes has no coordinates, so "near" is the
 * administrative neighbourhood. Fails with SILLON_COMMUNES_ERROR_INVALID_CODE
 * for a @commune_insee that is not a code INSEE. */
GPtrArray *sillon_store_search_places_near (SillonStore *store,
                                            const char *query,
                                            const char *commune_insee,
                                            guint limit,
                                            GError **error);

/* ── People's rights ───────────────────────────────────────────────────── */

/* Everything stored about one person, as documented in docs/DATA-EXPORT.md. */
char *sillon_store_export_beneficiary (SillonStore *store,
                                       gint64 beneficiary_id,
                                       GError **error) G_GNUC_WARN_UNUSED_RESULT;
/* Deletes the person and everything linked to them, scrubs the free text
 * first and rebuilds the search index, so that nothing is left in the file
 * (secure_delete is on). The caller journals the erasure. */
gboolean sillon_store_erase_beneficiary (SillonStore *store, gint64 beneficiary_id, GError **error);
/* Anonymises the people untouched (no update, no activity) for @months
 * before @now (NULL: now): identity, contact and free text removed; the
 * statistics (birth year, gender, status, commune, activities) are kept. */
gboolean sillon_store_apply_retention (SillonStore *store,
                                       guint months,
                                       GDateTime *now,
                                       guint *out_anonymised,
                                       GError **error);

G_END_DECLS
