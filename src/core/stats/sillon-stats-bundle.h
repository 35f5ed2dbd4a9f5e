/* sillon-stats-bundle.h — a site's aggregate counts, signed by the site and
 * sealed to its coordinator; the coordinator's keys; the merge
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Format (docs/STATISTICS.md): "SLNSTB01", the coordinator's public key
 * (32 bytes, so that a bundle meant for another coordinator is named as
 * such), the sealed length (4 bytes, little-endian), then
 * crypto_box_seal(inner). inner = "SLNSTI01", the site's Ed25519 public
 * key (32), the signature (64) over "SLNSTI01" ‖ coordinator key ‖ payload,
 * then the payload: JSON with the period, the tables' layout and every
 * cell's exact count and number of people. Never a row per person.
 */

#pragma once

#include <glib.h>

#include "sillon-stats-release.h"
#include "sillon-store.h"

G_BEGIN_DECLS

#define SILLON_STATS_KEY_BYTES 32        /* X25519 and Ed25519 public keys */
#define SILLON_STATS_BOX_SECRET_BYTES 32 /* X25519 secret key */
#define SILLON_STATS_SIGN_SECRET_BYTES 64

/* The coordinator's key pair: @public_path gets the public key (to give to
 * the sites), @secret_path the secret key, created 0600 and never
 * overwritten. */
gboolean sillon_stats_coordinator_keygen (const char *public_path,
                                          const char *secret_path,
                                          GError **error);
gboolean sillon_stats_coordinator_load_public (const char *path,
                                               guint8 out_public[SILLON_STATS_KEY_BYTES],
                                               GError **error);
/* Refuses a file others can read. @out_secret: sodium_malloc'd, 32 bytes,
 * free with sodium_free. */
guint8 *sillon_stats_coordinator_load_secret (const char *path, GError **error);

/* The site's signing key, kept in the vault; made on first use. The
 * secret half is sodium_malloc'd (free with sodium_free); @out_secret may
 * be NULL to get the public half only. */
gboolean sillon_stats_site_key (SillonStore *store,
                                guint8 out_public[SILLON_STATS_KEY_BYTES],
                                guint8 **out_secret,
                                GError **error);

/* "base64-public-key" as written in a trust list. */
char *sillon_stats_key_to_text (const guint8 key[SILLON_STATS_KEY_BYTES]) G_GNUC_WARN_UNUSED_RESULT;

/* A bundle's bytes for @release (exact counts). */
GBytes *sillon_stats_bundle_build (SillonStatsRelease *release,
                                   const guint8 site_public[SILLON_STATS_KEY_BYTES],
                                   const guint8 *site_secret,
                                   const guint8 coordinator_public[SILLON_STATS_KEY_BYTES],
                                   GError **error) G_GNUC_WARN_UNUSED_RESULT;

typedef struct
{
  guint8 site[SILLON_STATS_KEY_BYTES];
  SillonStatsRelease *release; /* exact counts, as the site sent them */
} SillonStatsBundle;

void sillon_stats_bundle_free (SillonStatsBundle *bundle);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SillonStatsBundle, sillon_stats_bundle_free)

/* Opens and verifies a bundle: wrong recipient, truncated, tampered (seal
 * or signature) and malformed bundles are refused, each with its code. */
SillonStatsBundle *sillon_stats_bundle_open (const guint8 *data,
                                             gsize length,
                                             const guint8 *coordinator_secret,
                                             GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* The payload alone, after the checks (exposed for the fuzzer). */
SillonStatsRelease *sillon_stats_bundle_parse_payload (const char *payload,
                                                       gsize length,
                                                       guint8 out_site[SILLON_STATS_KEY_BYTES],
                                                       GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* Public keys a coordinator trusts, one per line ("KEY label"), # comments.
 * Keys: base64 text; values: labels. */
GHashTable *sillon_stats_trust_load (const char *path, GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* Reads, verifies and adds up @paths into one exact release; refuses the
 * whole merge on the first bad file, naming it: foreign site (not in
 * @trust), the same site twice (replay), another period. */
SillonStatsRelease *sillon_stats_merge (const char *const *paths,
                                        GHashTable *trust,
                                        const guint8 *coordinator_secret,
                                        GError **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
