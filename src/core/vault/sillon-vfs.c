/* sillon-vfs.c — the "sillon" SQLite VFS: per-page XChaCha20-Poly1305
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The design follows SQLite's ext/misc/cksumvfs.c: a shim VFS that owns the
 * bytes SQLite reserves at the end of every page. Here those 40 bytes hold a
 * random nonce and a Poly1305 tag, and the rest of the page is encrypted.
 *
 * Layout of a page (main database, WAL frame body):
 *   [ciphertext of P - 40 bytes][nonce 24][tag 16]
 * with associated data = "SillonP1" ‖ database id ‖ page number (big endian),
 * so that a page moved to another position or from another vault fails. In
 * a WAL frame the last 8 nonce bytes bind the frame header (wal_binding).
 */

#include "config.h"

#include "sillon-vfs.h"

#include <sodium.h>
#include <string.h>

#define AD_TAG "SillonP1"
#define AD_SIZE (8 + SILLON_VFS_DB_ID_SIZE + 4)
#define WAL_HEADER_SIZE 32
#define WAL_FRAME_HEADER_SIZE 24
/* The part of a WAL frame header bound to the frame's page: page number,
 * commit size and the two salts (the checksums follow). */
#define WAL_FRAME_BOUND_SIZE 16
#define WAL_MAGIC 0x377f0682
#define WAL_VERSION 3007000
/* The nonce of a WAL frame's page: 16 random bytes, then 8 bytes of a keyed
 * hash binding them to the frame header (see wal_binding). */
#define WAL_NONCE_RANDOM_SIZE 16
#define WAL_BINDING_SIZE (SILLON_VFS_NONCE_SIZE - WAL_NONCE_RANDOM_SIZE)
/* SQLite never writes the page holding the byte at 1 GiB: it keeps it for
 * its file locks (the "pending byte"). */
#define PENDING_BYTE 0x40000000

typedef enum
{
  FILE_MAIN,
  FILE_WAL,
} FileKind;

typedef struct SillonFile SillonFile;
struct SillonFile
{
  sqlite3_file base;
  FileKind kind;
  SillonFile *main_file;   /* WAL: the database it belongs to */
  SillonFile *wal;         /* main database: its WAL while open */
  SillonVfsKeys *keys;     /* main database only, in sodium_malloc memory */
  gboolean keys_dropped;   /* main database: locked for good */
  gboolean read_only;      /* main database: opened to be checked, never written */
  gboolean accept_unbound; /* main database: read a log written before frame binding */
  gboolean unbound_log;    /* main database: its log was refused as written before frame binding */
  /* Main database, recovering a log read under accept_unbound: the size in
   * pages that page 1 gives the database at the frame being read (from the
   * newest page 1 of the log so far, else the file's); 0 if unknown. */
  guint32 log_page1_size;
  guint64 failed_reads; /* main database: page reads of it or its log that failed authentication */
  guint8 *scratch;      /* one WAL frame: page + frame header */
  gsize scratch_size;
  /* The last WAL frame header written: the page written right after it is
   * encrypted under that page number. */
  gboolean pending;
  sqlite3_int64 pending_offset;
  guint8 pending_header[WAL_FRAME_BOUND_SIZE];
  /* Main database, between SQLITE_FCNTL_CKPT_START and _DONE. A checkpoint
   * reads each WAL frame body and writes those bytes to the database page
   * of the same number, without looking at them. A frame body as stored is
   * already a valid encryption of that database page (same key, same
   * associated data), so the shim authenticates it without decrypting,
   * hands SQLite the stored bytes, and writes them back as they are. */
  gboolean in_checkpoint;
  guint8 *carry; /* the last frame body handed to the checkpoint, as stored */
  gsize carry_size;
  guint32 carry_pgno; /* 0: nothing carried */
  sqlite3_file *real; /* the unix VFS file, allocated right after us */
};

static sqlite3_vfs sillon_vfs;
static gsize page_reads;       /* atomic */
static gsize page_encryptions; /* atomic */
static gsize page_decryptions; /* atomic */
static gsize torn_frames;      /* atomic */

static GMutex registry_lock;
static GHashTable *registry; /* guint64* handle → SillonVfsKeys* */
static guint64 next_handle = 1;

static sqlite3_vfs *
real_vfs (void)
{
  return sillon_vfs.pAppData;
}

static guint32
get_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static SillonVfsKeys *
keys_dup (const SillonVfsKeys *keys)
{
  SillonVfsKeys *copy = sodium_malloc (sizeof *copy);

  if (copy != NULL)
    memcpy (copy, keys, sizeof *copy);
  return copy;
}

static void
put_be32 (guint8 *p, guint32 v)
{
  p[0] = v >> 24;
  p[1] = v >> 16;
  p[2] = v >> 8;
  p[3] = v;
}

static gboolean
page_size_valid (guint32 page_size)
{
  return page_size >= 1024 && page_size <= 65536 && (page_size & (page_size - 1)) == 0;
}

static const SillonVfsKeys *
file_keys (SillonFile *f)
{
  if (f->kind == FILE_MAIN)
    return f->keys;
  return f->main_file != NULL ? f->main_file->keys : NULL;
}

static gboolean
ensure_scratch (SillonFile *f, gsize size)
{
  if (f->scratch_size >= size)
    return TRUE;
  if (f->scratch != NULL)
    {
      sodium_memzero (f->scratch, f->scratch_size);
      g_free (f->scratch);
    }
  f->scratch = g_try_malloc (size);
  f->scratch_size = f->scratch != NULL ? size : 0;
  return f->scratch != NULL;
}

static void
carry_clear (SillonFile *main_file)
{
  if (main_file->carry_pgno != 0)
    sodium_memzero (main_file->carry, main_file->carry_size);
  main_file->carry_pgno = 0;
}

static void
carry_free (SillonFile *main_file)
{
  carry_clear (main_file);
  g_free (main_file->carry);
  main_file->carry = NULL;
  main_file->carry_size = 0;
}

/* Remembers the authenticated frame body, as stored, that the checkpoint
 * is about to write to page @pgno. */
static gboolean
carry_set (SillonFile *main_file, guint32 pgno, const guint8 *stored, gsize page_size)
{
  carry_clear (main_file);
  if (main_file->carry_size != page_size)
    {
      carry_free (main_file);
      main_file->carry = g_try_malloc (page_size);
      if (main_file->carry == NULL)
        return FALSE;
      main_file->carry_size = page_size;
    }
  memcpy (main_file->carry, stored, page_size);
  main_file->carry_pgno = pgno;
  return TRUE;
}

static void
make_ad (const SillonVfsKeys *keys, guint32 pgno, guint8 ad[AD_SIZE])
{
  memcpy (ad, AD_TAG, 8);
  memcpy (ad + 8, keys->db_id, SILLON_VFS_DB_ID_SIZE);
  ad[24] = pgno >> 24;
  ad[25] = pgno >> 16;
  ad[26] = pgno >> 8;
  ad[27] = pgno;
}

/* The last WAL_BINDING_SIZE bytes of the nonce of a WAL frame's page: a
 * keyed hash of its first WAL_NONCE_RANDOM_SIZE (random) bytes and of the
 * frame header's page number, commit size and salts. The nonce is itself
 * authenticated by the page's tag, so a frame whose header was edited no
 * longer authenticates, and the stored page stays a valid encryption of the
 * database page (the checkpoint copies it as it is, see in_checkpoint). */
static void
wal_binding (const SillonVfsKeys *keys, const guint8 *random_part, const guint8 bound[WAL_FRAME_BOUND_SIZE], guint8 out[WAL_BINDING_SIZE])
{
  crypto_generichash_state state;

  crypto_generichash_init (&state, keys->mask_key, SILLON_VFS_KEY_SIZE, WAL_BINDING_SIZE);
  crypto_generichash_update (&state, (const guint8 *) "SillonWF", 8);
  crypto_generichash_update (&state, keys->db_id, SILLON_VFS_DB_ID_SIZE);
  crypto_generichash_update (&state, random_part, WAL_NONCE_RANDOM_SIZE);
  crypto_generichash_update (&state, bound, WAL_FRAME_BOUND_SIZE);
  crypto_generichash_final (&state, out, WAL_BINDING_SIZE);
}

static gboolean
wal_binding_valid (const SillonVfsKeys *keys, const guint8 *page, const guint8 bound[WAL_FRAME_BOUND_SIZE])
{
  const guint8 *nonce = page + keys->page_size - SILLON_VFS_RESERVE;
  guint8 expected[WAL_BINDING_SIZE];

  wal_binding (keys, nonce, bound, expected);
  return sodium_memcmp (expected, nonce + WAL_NONCE_RANDOM_SIZE, WAL_BINDING_SIZE) == 0;
}

/* Encrypts into @out (never in place: SQLite's buffer is const and stays in
 * its cache as plaintext). A fresh random nonce on every write; for a WAL
 * frame (@bound: its header's first 16 bytes), part of it binds the header. */
static void
encrypt_page (const SillonVfsKeys *keys, guint32 pgno, const guint8 *in, guint8 *out, const guint8 *bound)
{
  gsize n = keys->page_size - SILLON_VFS_RESERVE;
  guint8 ad[AD_SIZE];

  make_ad (keys, pgno, ad);
  g_atomic_pointer_add (&page_encryptions, 1);
  if (bound != NULL)
    {
      randombytes_buf (out + n, WAL_NONCE_RANDOM_SIZE);
      wal_binding (keys, out + n, bound, out + n + WAL_NONCE_RANDOM_SIZE);
    }
  else
    randombytes_buf (out + n, SILLON_VFS_NONCE_SIZE);
  crypto_aead_xchacha20poly1305_ietf_encrypt_detached (out, out + n + SILLON_VFS_NONCE_SIZE, NULL,
                                                       in, n, ad, sizeof ad, NULL,
                                                       out + n, keys->page_key);
}

/* Decrypts in place. On failure the page is left as it was. On success the
 * reserved bytes read as zeros, as SQLite left them (it never writes there):
 * SQLite's WAL checksums cover the whole page, reserve included. */
static gboolean
decrypt_page (const SillonVfsKeys *keys, guint32 pgno, guint8 *buf)
{
  gsize n = keys->page_size - SILLON_VFS_RESERVE;
  guint8 ad[AD_SIZE];

  make_ad (keys, pgno, ad);
  g_atomic_pointer_add (&page_decryptions, 1);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt_detached (buf, NULL, buf, n,
                                                           buf + n + SILLON_VFS_NONCE_SIZE,
                                                           ad, sizeof ad, buf + n,
                                                           keys->page_key) != 0)
    return FALSE;
  memset (buf + n, 0, SILLON_VFS_RESERVE);
  return TRUE;
}

static void
put_le64 (guint8 *p, guint64 v)
{
  for (int i = 0; i < 8; i++)
    p[i] = (guint8) (v >> (8 * i));
}

/* Authenticates a stored page without decrypting it, for a checkpoint and
 * for verification, which need no plaintext: the Poly1305 tag of
 * XChaCha20-Poly1305 recomputed as libsodium computes it (RFC 8439 §2.8
 * under the HChaCha20 subkey of the key and the first 16 nonce bytes, with
 * the last 8 nonce bytes after 4 zero bytes as the ChaCha20 nonce). It costs
 * the Poly1305 pass and one ChaCha20 block instead of a whole decryption;
 * /vault/checkpoint-copies-frames and /vault/verify check that it accepts
 * exactly what decryption accepts. */
static gboolean
page_authentic (const SillonVfsKeys *keys, guint32 pgno, const guint8 *page)
{
  static const guint8 zeros[16] = { 0 };
  gsize n = keys->page_size - SILLON_VFS_RESERVE;
  const guint8 *nonce = page + n;
  const guint8 *tag = page + n + SILLON_VFS_NONCE_SIZE;
  guint8 ad[AD_SIZE];
  guint8 subkey[crypto_core_hchacha20_OUTPUTBYTES];
  guint8 ietf_nonce[crypto_stream_chacha20_ietf_NONCEBYTES] = { 0 };
  guint8 block0[64];
  guint8 lengths[16];
  guint8 computed[crypto_onetimeauth_poly1305_BYTES];
  crypto_onetimeauth_poly1305_state state;
  gboolean authentic;

  make_ad (keys, pgno, ad);
  crypto_core_hchacha20 (subkey, nonce, keys->page_key, NULL);
  memcpy (ietf_nonce + 4, nonce + crypto_core_hchacha20_INPUTBYTES, 8);
  crypto_stream_chacha20_ietf (block0, sizeof block0, ietf_nonce, subkey);
  crypto_onetimeauth_poly1305_init (&state, block0);
  crypto_onetimeauth_poly1305_update (&state, ad, sizeof ad);
  crypto_onetimeauth_poly1305_update (&state, zeros, (0x10 - sizeof ad) & 0xf);
  crypto_onetimeauth_poly1305_update (&state, page, n);
  crypto_onetimeauth_poly1305_update (&state, zeros, (0x10 - n) & 0xf);
  put_le64 (lengths, sizeof ad);
  put_le64 (lengths + 8, n);
  crypto_onetimeauth_poly1305_update (&state, lengths, sizeof lengths);
  crypto_onetimeauth_poly1305_final (&state, computed);
  authentic = crypto_verify_16 (computed, tag) == 0;
  sodium_memzero (subkey, sizeof subkey);
  sodium_memzero (block0, sizeof block0);
  sodium_memzero (&state, sizeof state);
  return authentic;
}

/* SQLite computes the reserve from byte 20 of page 1: a page 1 announcing a
 * smaller reserve would let SQLite put data where our nonce and tag go. */
static gboolean
page1_acceptable (const SillonVfsKeys *keys, const guint8 *page)
{
  guint32 size = ((guint32) page[16] << 8) | page[17];

  if (size == 1)
    size = 65536;
  return memcmp (page, "SQLite format 3", 16) == 0 && size == keys->page_size && page[20] >= SILLON_VFS_RESERVE;
}

/* ---- WAL frame header checksums ------------------------------------------
 * SQLite's WAL frame header carries a running checksum of the plaintext
 * page. Stored as is, it would let someone holding the file confirm a guess
 * of a page's content, so it is XORed on disk with a keyed hash of the
 * frame's position and salts. */

static void
wal_mask (const SillonVfsKeys *keys, sqlite3_int64 frame_offset, const guint8 *salts, guint8 mask[8])
{
  guint8 msg[16];

  for (int i = 0; i < 8; i++)
    msg[i] = (guint8) ((guint64) frame_offset >> (56 - 8 * i));
  memcpy (msg + 8, salts, 8);
  crypto_generichash (mask, 8, msg, sizeof msg, keys->mask_key, SILLON_VFS_KEY_SIZE);
}

static void
wal_apply_mask (const SillonVfsKeys *keys, sqlite3_int64 frame_offset, guint8 header[WAL_FRAME_HEADER_SIZE])
{
  guint8 mask[8];

  wal_mask (keys, frame_offset, header + 8, mask);
  for (int i = 0; i < 8; i++)
    header[16 + i] ^= mask[i];
}

/* SQLite's WAL checksum (file format documentation, section 4.3). */
static void
wal_checksum (gboolean native, const guint8 *data, gsize len, guint32 s[2])
{
  for (gsize i = 0; i + 8 <= len; i += 8)
    {
      guint32 a, b;

      memcpy (&a, data + i, 4);
      memcpy (&b, data + i + 4, 4);
      if (!native)
        {
          a = GUINT32_SWAP_LE_BE (a);
          b = GUINT32_SWAP_LE_BE (b);
        }
      s[0] += a + s[1];
      s[1] += b + s[0];
    }
}

static gboolean
wal_native_checksum (const guint8 wal_header[WAL_HEADER_SIZE])
{
  gboolean big_endian = get_be32 (wal_header) & 1;

  return big_endian == (G_BYTE_ORDER == G_BIG_ENDIAN);
}

static gsize
frame_size (const SillonVfsKeys *keys)
{
  return keys->page_size + WAL_FRAME_HEADER_SIZE;
}

typedef enum
{
  FRAME_AUTHENTIC,
  /* The page authenticates under its page number, but not the binding of
   * the rest of the header: an edited header, a body from an earlier
   * generation of the log under a new header (a torn write), or a frame
   * written before the header was bound. */
  FRAME_UNBOUND,
  FRAME_BAD,
} FrameState;

static SillonFile *
wal_main (SillonFile *f)
{
  return f->kind == FILE_MAIN ? f : f->main_file;
}

/* Authenticates the page of @frame (header unmasked) under its header; with
 * @decrypt, decrypts it in place when it is authentic. */
static FrameState
wal_frame_open (SillonFile *f, guint8 *frame, gboolean decrypt)
{
  const SillonVfsKeys *keys = file_keys (f);
  guint8 *page = frame + WAL_FRAME_HEADER_SIZE;
  guint32 pgno = get_be32 (frame);
  SillonFile *main_file = wal_main (f);

  if (!wal_binding_valid (keys, page, frame))
    {
      if (!page_authentic (keys, pgno, page))
        return FRAME_BAD;
      if (main_file == NULL || !main_file->accept_unbound)
        return FRAME_UNBOUND;
    }
  if (decrypt ? !decrypt_page (keys, pgno, page) : !page_authentic (keys, pgno, page))
    return FRAME_BAD;
  return FRAME_AUTHENTIC;
}

/* Reads frame @offset, unmasks its header and authenticates and decrypts its
 * page into @frame (frame_size bytes). */
static gboolean
wal_read_frame (SillonFile *f, sqlite3_int64 offset, guint8 *frame, FrameState *out_state)
{
  const SillonVfsKeys *keys = file_keys (f);

  if (f->real->pMethods->xRead (f->real, frame, frame_size (keys), offset) != SQLITE_OK)
    return FALSE;
  wal_apply_mask (keys, offset, frame);
  *out_state = wal_frame_open (f, frame, TRUE);
  return TRUE;
}

/* The checksum SQLite expects in the header of the frame at @offset, which
 * belongs to the current generation of the log (its salts), whose page is
 * decrypted in @frame: the running checksum from the previous frame's header
 * (or the log header's), over the first 8 header bytes and the page. */
static gboolean
wal_expected_checksum (SillonFile *f, sqlite3_int64 offset, const guint8 *frame, guint32 s[2])
{
  const SillonVfsKeys *keys = file_keys (f);
  guint8 wal_header[WAL_HEADER_SIZE];
  gboolean native;

  if (f->real->pMethods->xRead (f->real, wal_header, sizeof wal_header, 0) != SQLITE_OK || memcmp (frame + 8, wal_header + 16, 8) != 0)
    return FALSE;
  native = wal_native_checksum (wal_header);
  if (offset == WAL_HEADER_SIZE)
    {
      s[0] = get_be32 (wal_header + 24);
      s[1] = get_be32 (wal_header + 28);
    }
  else
    {
      guint8 previous[WAL_FRAME_HEADER_SIZE];
      sqlite3_int64 previous_offset = offset - (sqlite3_int64) frame_size (keys);

      if (f->real->pMethods->xRead (f->real, previous, sizeof previous, previous_offset) != SQLITE_OK)
        return FALSE;
      wal_apply_mask (keys, previous_offset, previous);
      s[0] = get_be32 (previous + 16);
      s[1] = get_be32 (previous + 20);
    }
  wal_checksum (native, frame, 8, s);
  wal_checksum (native, frame + WAL_FRAME_HEADER_SIZE, keys->page_size, s);
  return TRUE;
}

/* A frame that fails authentication during WAL recovery is either part of
 * the last transaction, cut by a crash or a power loss (the normal end of
 * the log), or a modified frame. With synchronous=FULL every commit is
 * synced before the next transaction writes anything, so only the last
 * transaction can have frames that never fully reached the disk; and its
 * writeback is unordered: its commit frame may well be there while a block
 * of one of its other frames is not. So a failed frame is a modification
 * only when a further complete transaction follows the one it belongs to:
 * frames that authenticate, carry the current salts, continue the checksum
 * chain @chain (the checksum the failed frame should end with), and reach
 * the commit frame closing the failed frame's transaction and then another
 * commit frame. */
static gboolean
wal_frame_is_followed (SillonFile *f, sqlite3_int64 offset, const guint8 failed_header[WAL_FRAME_HEADER_SIZE], const guint32 chain[2])
{
  const SillonVfsKeys *keys = file_keys (f);
  gsize fsize = frame_size (keys);
  guint8 wal_header[WAL_HEADER_SIZE];
  sqlite3_int64 size = 0;
  g_autofree guint8 *next = NULL;
  gboolean followed = FALSE;
  gboolean native;
  guint32 s[2] = { chain[0], chain[1] };
  /* A commit frame closes its own transaction. */
  guint commits_needed = get_be32 (failed_header + 4) != 0 ? 1 : 2;

  if (f->real->pMethods->xRead (f->real, wal_header, sizeof wal_header, 0) != SQLITE_OK || f->real->pMethods->xFileSize (f->real, &size) != SQLITE_OK)
    return FALSE;
  if (memcmp (failed_header + 8, wal_header + 16, 8) != 0)
    return FALSE;
  native = wal_native_checksum (wal_header);
  next = g_malloc (fsize);
  for (sqlite3_int64 o = offset + fsize; o + (sqlite3_int64) fsize <= size; o += fsize)
    {
      FrameState state = FRAME_BAD;

      if (!wal_read_frame (f, o, next, &state) || state != FRAME_AUTHENTIC || memcmp (next + 8, wal_header + 16, 8) != 0)
        break;
      wal_checksum (native, next, 8, s);
      wal_checksum (native, next + WAL_FRAME_HEADER_SIZE, keys->page_size, s);
      if (s[0] != get_be32 (next + 16) || s[1] != get_be32 (next + 20))
        break;
      if (get_be32 (next + 4) != 0 && --commits_needed == 0)
        {
          followed = TRUE;
          break;
        }
    }
  sodium_memzero (next, fsize);
  return followed;
}

/* A log written before frame headers were bound to their pages: from its
 * first frame to a commit frame, every frame of the current generation
 * authenticates under its page number alone and continues SQLite's checksum
 * chain, and none under the binding. A crash cannot make that out of a
 * bound log (at most the last transaction is torn, and a torn frame does
 * not continue the chain), an edit can only make a log refused. */
static gboolean
wal_log_is_unbound (SillonFile *f)
{
  const SillonVfsKeys *keys = file_keys (f);
  gsize fsize = frame_size (keys);
  guint8 wal_header[WAL_HEADER_SIZE];
  sqlite3_int64 size = 0;
  g_autofree guint8 *frame = NULL;
  gboolean unbound = FALSE;
  gboolean native;
  guint32 s[2];

  if (f->real->pMethods->xRead (f->real, wal_header, sizeof wal_header, 0) != SQLITE_OK || f->real->pMethods->xFileSize (f->real, &size) != SQLITE_OK)
    return FALSE;
  native = wal_native_checksum (wal_header);
  s[0] = get_be32 (wal_header + 24);
  s[1] = get_be32 (wal_header + 28);
  frame = g_malloc (fsize);
  for (sqlite3_int64 o = WAL_HEADER_SIZE; o + (sqlite3_int64) fsize <= size; o += fsize)
    {
      if (f->real->pMethods->xRead (f->real, frame, fsize, o) != SQLITE_OK)
        break;
      wal_apply_mask (keys, o, frame);
      if (memcmp (frame + 8, wal_header + 16, 8) != 0 || wal_binding_valid (keys, frame + WAL_FRAME_HEADER_SIZE, frame) || !decrypt_page (keys, get_be32 (frame), frame + WAL_FRAME_HEADER_SIZE))
        break;
      wal_checksum (native, frame, 8, s);
      wal_checksum (native, frame + WAL_FRAME_HEADER_SIZE, keys->page_size, s);
      if (s[0] != get_be32 (frame + 16) || s[1] != get_be32 (frame + 20))
        break;
      if (get_be32 (frame + 4) != 0)
        {
          unbound = TRUE;
          break;
        }
    }
  sodium_memzero (frame, fsize);
  return unbound;
}

/* The database size that page 1 (decrypted, @page) records, or 0 when
 * SQLite would not trust it either (its version-valid-for number differs
 * from the change counter). */
static guint32
page1_db_size (const guint8 *page)
{
  return memcmp (page + 24, page + 92, 4) == 0 ? get_be32 (page + 28) : 0;
}

/* The size page 1 of the main file gives the database: where a log read
 * under accept_unbound starts from. */
static guint32
main_page1_db_size (SillonFile *main_file)
{
  const SillonVfsKeys *keys = main_file->keys;
  g_autofree guint8 *page = g_malloc (keys->page_size);
  guint32 size = 0;

  if (main_file->real->pMethods->xRead (main_file->real, page, keys->page_size, SILLON_VFS_HEADER_SIZE) == SQLITE_OK && decrypt_page (keys, 1, page))
    size = page1_db_size (page);
  sodium_memzero (page, keys->page_size);
  return size;
}

/* A log of an earlier version authenticates its pages, not its frame
 * headers: someone without the keys can flip the top bit of a commit size
 * (and fix the masked checksums, which that moves predictably), turning a
 * frame in the middle of a transaction into a commit, and can make a bound
 * log look like such a log that way. SQLite records the database size in
 * page 1 whenever it changes, and writes page 1 with the size of the commit
 * it belongs to: so an unbound commit frame is accepted only if the newest
 * page 1 at that point gives the database exactly its commit size. */
static gboolean
wal_unbound_commit_plausible (SillonFile *main_file, const guint8 *frame)
{
  guint32 commit = get_be32 (frame + 4);

  return commit == 0 || (main_file->log_page1_size != 0 && commit == main_file->log_page1_size);
}

/* SQLite reads the log header at recovery and trusts it once its checksum
 * matches; that checksum is plain, so anyone can recompute it. A header
 * SQLite would accept but that Sillon never writes (another format version,
 * another page size) was edited: say so, rather than let SQLite fail with an
 * I/O error or read frames of the wrong size. */
static gboolean
wal_header_acceptable (const SillonVfsKeys *keys, const guint8 wal_header[WAL_HEADER_SIZE])
{
  guint32 s[2] = { 0, 0 };
  guint32 magic = get_be32 (wal_header);

  if ((magic & 0xfffffffe) != WAL_MAGIC)
    return TRUE; /* SQLite ignores the log */
  wal_checksum (wal_native_checksum (wal_header), wal_header, 24, s);
  if (s[0] != get_be32 (wal_header + 24) || s[1] != get_be32 (wal_header + 28))
    return TRUE; /* SQLite ignores the log */
  return get_be32 (wal_header + 4) == WAL_VERSION && get_be32 (wal_header + 8) == keys->page_size;
}

/* ---- io methods ---------------------------------------------------------- */

static int
sillon_close (sqlite3_file *file)
{
  SillonFile *f = (SillonFile *) file;
  int rc = SQLITE_OK;

  if (f->kind == FILE_WAL && f->main_file != NULL && f->main_file->wal == f)
    f->main_file->wal = NULL;
  if (f->kind == FILE_MAIN && f->wal != NULL)
    f->wal->main_file = NULL;
  carry_free (f);
  if (f->keys != NULL)
    sodium_free (f->keys);
  f->keys = NULL;
  if (f->scratch != NULL)
    {
      sodium_memzero (f->scratch, f->scratch_size);
      g_free (f->scratch);
    }
  f->scratch = NULL;
  if (f->real->pMethods != NULL)
    rc = f->real->pMethods->xClose (f->real);
  return rc;
}

static int
main_read (SillonFile *f, guint8 *buf, int amount, sqlite3_int64 offset)
{
  const SillonVfsKeys *keys = f->keys;
  sqlite3_int64 pos = offset;
  guint8 *out = buf;
  int remaining = amount;

  /* A vault locked under a still-open statement: no page any more, and an
   * error rather than an empty file, so nothing looks like lost data. */
  if (f->keys_dropped)
    {
      memset (buf, 0, amount);
      return SQLITE_IOERR_READ;
    }
  /* Before the passphrase is checked, SQLite already peeks at the first 100
   * bytes: it sees an empty file, and no page is read. */
  if (keys == NULL)
    {
      memset (buf, 0, amount);
      return SQLITE_IOERR_SHORT_READ;
    }

  /* Usually one whole page; a part of page 1 when SQLite reads the file
   * header; several pages when SQLite still guesses a larger page size. */
  while (remaining > 0)
    {
      sqlite3_int64 page_index = pos / keys->page_size;
      sqlite3_int64 page_offset = pos % keys->page_size;
      int n = (int) MIN ((sqlite3_int64) remaining, keys->page_size - page_offset);
      gboolean whole = page_offset == 0 && n == (int) keys->page_size;
      guint8 *target = whole ? out : f->scratch;
      sqlite3_int64 real_offset = SILLON_VFS_HEADER_SIZE + page_index * keys->page_size;
      int rc;

      rc = f->real->pMethods->xRead (f->real, target, keys->page_size, real_offset);
      g_atomic_pointer_add (&page_reads, 1);
      if (rc == SQLITE_IOERR_SHORT_READ)
        {
          sqlite3_int64 real_size = 0;

          /* SQLite reads a page from the file only when it belongs to the
           * database (the file's size, or the size the last commit in the
           * log gave it) and the log holds no newer copy: a whole page read
           * past the end is a page cut off the file, never an empty one.
           * What SQLite reads of a file it may find empty is shorter (the
           * first 100 bytes) or longer (a page size still guessed) than a
           * page: those may end past the file, and read as zeros. */
          if (!(page_offset == 0 && amount == (int) keys->page_size) && f->real->pMethods->xFileSize (f->real, &real_size) == SQLITE_OK && real_size <= real_offset)
            {
              memset (out, 0, remaining);
              return SQLITE_IOERR_SHORT_READ;
            }
          rc = SQLITE_IOERR_DATA;
        }
      else if (rc == SQLITE_OK && !decrypt_page (keys, (guint32) page_index + 1, target))
        rc = SQLITE_IOERR_DATA;

      if (rc != SQLITE_OK)
        {
          memset (buf, 0, amount);
          if (!whole)
            sodium_memzero (f->scratch, keys->page_size);
          if (rc == SQLITE_IOERR_DATA)
            f->failed_reads++;
          return rc;
        }
      if (!whole)
        {
          memcpy (out, f->scratch + page_offset, n);
          sodium_memzero (f->scratch, keys->page_size);
        }
      out += n;
      pos += n;
      remaining -= n;
    }
  return SQLITE_OK;
}

static int
wal_read (SillonFile *f, guint8 *buf, int amount, sqlite3_int64 offset)
{
  const SillonVfsKeys *keys = file_keys (f);
  sqlite3_int64 fsize, rel, frame_offset;
  int rc;

  if (keys == NULL)
    return SQLITE_IOERR_READ;
  if (offset + amount <= WAL_HEADER_SIZE)
    {
      rc = f->real->pMethods->xRead (f->real, buf, amount, offset);
      if (rc == SQLITE_OK && offset == 0 && amount == WAL_HEADER_SIZE && !wal_header_acceptable (keys, buf))
        {
          memset (buf, 0, amount);
          return SQLITE_IOERR_DATA;
        }
      return rc;
    }
  if (offset < WAL_HEADER_SIZE)
    return SQLITE_IOERR_READ;

  fsize = frame_size (keys);
  rel = (offset - WAL_HEADER_SIZE) % fsize;
  frame_offset = offset - rel;

  /* Whole frame: WAL recovery, or SQLite recomputing checksums. */
  if (rel == 0 && amount == fsize)
    {
      FrameState state;
      guint32 chain[2];

      gboolean bound;
      gboolean accepting = f->main_file != NULL && f->main_file->accept_unbound;

      rc = f->real->pMethods->xRead (f->real, buf, amount, offset);
      if (rc != SQLITE_OK)
        return rc;
      wal_apply_mask (keys, offset, buf);
      if (accepting && offset == WAL_HEADER_SIZE)
        f->main_file->log_page1_size = main_page1_db_size (f->main_file);
      bound = wal_binding_valid (keys, buf + WAL_FRAME_HEADER_SIZE, buf);
      state = wal_frame_open (f, buf, TRUE);
      /* A frame that does not continue SQLite's checksum chain ends the
       * log (a torn write), whatever its header says. */
      if (state == FRAME_AUTHENTIC && accepting && wal_expected_checksum (f, offset, buf, chain) && chain[0] == get_be32 (buf + 16) && chain[1] == get_be32 (buf + 20))
        {
          /* Recovery reads the frames in order: follow page 1. */
          if (get_be32 (buf) == 1)
            f->main_file->log_page1_size = page1_db_size (buf + WAL_FRAME_HEADER_SIZE);
          if (!bound && !wal_unbound_commit_plausible (f->main_file, buf))
            {
              memset (buf, 0, amount);
              f->main_file->failed_reads++;
              return SQLITE_IOERR_DATA;
            }
        }
      if (state == FRAME_AUTHENTIC)
        {
          /* The checksum fields are masked, not authenticated: one edited
           * ends the log there, as a torn write would, unless a complete
           * transaction follows, chained from the checksum this frame
           * should have. */
          if (wal_expected_checksum (f, offset, buf, chain) && (chain[0] != get_be32 (buf + 16) || chain[1] != get_be32 (buf + 20)) && wal_frame_is_followed (f, offset, buf, chain))
            {
              memset (buf, 0, amount);
              return SQLITE_IOERR_DATA;
            }
          return SQLITE_OK;
        }
      /* A log left by an earlier version of Sillon, before frame headers
       * were bound: read as torn, every commit in it would silently be
       * lost. Refused instead, until the user asks for it to be read (see
       * SILLON_VFS_FCNTL_ACCEPT_UNBOUND). */
      if (state == FRAME_UNBOUND && offset == WAL_HEADER_SIZE && f->main_file != NULL && wal_log_is_unbound (f))
        {
          f->main_file->unbound_log = TRUE;
          memset (buf, 0, amount);
          return SQLITE_IOERR_DATA;
        }
      chain[0] = get_be32 (buf + 16);
      chain[1] = get_be32 (buf + 20);
      if (wal_frame_is_followed (f, offset, buf, chain))
        {
          memset (buf, 0, amount);
          return SQLITE_IOERR_DATA;
        }
      /* A torn record: zeroed, SQLite's checksum ends the log here.
       * Said in the log, so that a lost last transaction leaves a
       * trace (no content: the page number at most). */
      memset (buf + WAL_FRAME_HEADER_SIZE, 0, keys->page_size);
      g_atomic_pointer_add (&torn_frames, 1);
      g_message ("The last transaction in the vault's log was incomplete or altered and has been dropped, as after a crash");
      return SQLITE_OK;
    }

  /* A page body: reading a committed page. */
  if (rel == WAL_FRAME_HEADER_SIZE && amount == (int) keys->page_size)
    {
      guint8 *stored;

      if (!ensure_scratch (f, fsize))
        return SQLITE_IOERR_NOMEM;
      rc = f->real->pMethods->xRead (f->real, f->scratch, fsize, frame_offset);
      if (rc != SQLITE_OK)
        {
          memset (buf, 0, amount);
          return rc;
        }
      stored = f->scratch + WAL_FRAME_HEADER_SIZE;
      /* A checkpoint: the stored bytes, authenticated, go to the database
       * as they are (see in_checkpoint). */
      if (f->main_file->in_checkpoint)
        {
          guint32 pgno = get_be32 (f->scratch);

          if (wal_frame_open (f, f->scratch, FALSE) != FRAME_AUTHENTIC)
            {
              memset (buf, 0, amount);
              return SQLITE_IOERR_DATA;
            }
          if (!carry_set (f->main_file, pgno, stored, keys->page_size))
            return SQLITE_IOERR_NOMEM;
          memcpy (buf, stored, amount);
          return SQLITE_OK;
        }
      if (wal_frame_open (f, f->scratch, TRUE) != FRAME_AUTHENTIC)
        {
          memset (buf, 0, amount);
          sodium_memzero (f->scratch, fsize);
          f->main_file->failed_reads++;
          return SQLITE_IOERR_DATA;
        }
      memcpy (buf, stored, amount);
      sodium_memzero (f->scratch, fsize);
      return SQLITE_OK;
    }

  /* Part of a frame header (SQLite reading a previous checksum). */
  if (rel + amount <= WAL_FRAME_HEADER_SIZE)
    {
      guint8 header[WAL_FRAME_HEADER_SIZE];

      rc = f->real->pMethods->xRead (f->real, header, sizeof header, frame_offset);
      if (rc != SQLITE_OK)
        {
          memset (buf, 0, amount);
          return rc;
        }
      wal_apply_mask (keys, frame_offset, header);
      memcpy (buf, header + rel, amount);
      return SQLITE_OK;
    }

  return SQLITE_IOERR_READ;
}

static int
sillon_read (sqlite3_file *file, void *buf, int amount, sqlite3_int64 offset)
{
  SillonFile *f = (SillonFile *) file;

  switch (f->kind)
    {
      case FILE_MAIN:
        return main_read (f, buf, amount, offset);
      case FILE_WAL:
        return wal_read (f, buf, amount, offset);
      default:
        return SQLITE_IOERR_READ;
    }
}

static int
write_encrypted (SillonFile *f, guint32 pgno, const guint8 *page, sqlite3_int64 offset, const guint8 *bound)
{
  const SillonVfsKeys *keys = file_keys (f);

  if (pgno == 0)
    return SQLITE_IOERR_WRITE;
  if (pgno == 1 && !page1_acceptable (keys, page))
    return SQLITE_IOERR_WRITE;
  /* Reserved bytes other than zero would be lost (the nonce and tag go
   * there), and a WAL frame's checksum over them could then never match:
   * refuse rather than lose the frame at the next recovery. */
  for (gsize i = keys->page_size - SILLON_VFS_RESERVE; i < keys->page_size; i++)
    if (page[i] != 0)
      return SQLITE_IOERR_WRITE;
  if (!ensure_scratch (f, frame_size (keys)))
    return SQLITE_IOERR_NOMEM;
  encrypt_page (keys, pgno, page, f->scratch, bound);
  return f->real->pMethods->xWrite (f->real, f->scratch, keys->page_size, offset);
}

static int
sillon_write (sqlite3_file *file, const void *data, int amount, sqlite3_int64 offset)
{
  SillonFile *f = (SillonFile *) file;
  const SillonVfsKeys *keys = file_keys (f);
  const guint8 *buf = data;

  /* Fail closed: without keys, or for any write shape not recognised below,
   * nothing reaches the disk. */
  if (keys == NULL)
    return SQLITE_IOERR_WRITE;
  if (wal_main (f) != NULL && wal_main (f)->read_only)
    return SQLITE_READONLY;

  if (f->kind == FILE_MAIN)
    {
      guint32 pgno;

      if (amount != (int) keys->page_size || offset % keys->page_size != 0)
        return SQLITE_IOERR_WRITE;
      pgno = offset / keys->page_size + 1;
      /* A checkpoint writes only the frame body it has just read: anything
       * else would be plaintext written as if it were stored bytes. */
      if (f->in_checkpoint)
        {
          int rc = SQLITE_IOERR_WRITE;

          if (f->carry_pgno == pgno && memcmp (buf, f->carry, keys->page_size) == 0)
            rc = f->real->pMethods->xWrite (f->real, buf, amount, offset + SILLON_VFS_HEADER_SIZE);
          carry_clear (f);
          return rc;
        }
      return write_encrypted (f, pgno, buf, offset + SILLON_VFS_HEADER_SIZE, NULL);
    }

  if (f->kind == FILE_WAL)
    {
      sqlite3_int64 fsize = frame_size (keys);
      sqlite3_int64 rel = offset >= WAL_HEADER_SIZE ? (offset - WAL_HEADER_SIZE) % fsize : -1;

      if (offset == 0 && amount == WAL_HEADER_SIZE)
        return f->real->pMethods->xWrite (f->real, buf, amount, offset);

      if (rel == 0 && amount == WAL_FRAME_HEADER_SIZE)
        {
          guint8 header[WAL_FRAME_HEADER_SIZE];

          memcpy (header, buf, sizeof header);
          wal_apply_mask (keys, offset, header);
          f->pending = TRUE;
          f->pending_offset = offset;
          memcpy (f->pending_header, buf, WAL_FRAME_BOUND_SIZE);
          return f->real->pMethods->xWrite (f->real, header, sizeof header, offset);
        }

      if (rel == WAL_FRAME_HEADER_SIZE && amount == (int) keys->page_size)
        {
          guint8 bound[WAL_FRAME_BOUND_SIZE];

          if (f->pending && f->pending_offset == offset - WAL_FRAME_HEADER_SIZE)
            memcpy (bound, f->pending_header, sizeof bound);
          /* SQLite overwriting a frame of the current transaction: its
           * header is already on disk (page number, commit size and salts
           * are stored as they are). */
          else if (f->real->pMethods->xRead (f->real, bound, sizeof bound, offset - WAL_FRAME_HEADER_SIZE) != SQLITE_OK)
            return SQLITE_IOERR_WRITE;
          f->pending = FALSE;
          return write_encrypted (f, get_be32 (bound), buf, offset, bound);
        }
      return SQLITE_IOERR_WRITE;
    }

  return SQLITE_IOERR_WRITE;
}

static int
sillon_truncate (sqlite3_file *file, sqlite3_int64 size)
{
  SillonFile *f = (SillonFile *) file;

  if (wal_main (f) != NULL && wal_main (f)->read_only)
    return SQLITE_READONLY;
  if (f->kind == FILE_MAIN)
    size += SILLON_VFS_HEADER_SIZE;
  return f->real->pMethods->xTruncate (f->real, size);
}

static int
sillon_sync (sqlite3_file *file, int flags)
{
  SillonFile *f = (SillonFile *) file;

  return f->real->pMethods->xSync (f->real, flags);
}

static int
sillon_file_size (sqlite3_file *file, sqlite3_int64 *size)
{
  SillonFile *f = (SillonFile *) file;
  int rc = f->real->pMethods->xFileSize (f->real, size);

  if (rc == SQLITE_OK && f->kind == FILE_MAIN)
    *size = MAX (*size - SILLON_VFS_HEADER_SIZE, 0);
  return rc;
}

static int
sillon_lock (sqlite3_file *file, int level)
{
  SillonFile *f = (SillonFile *) file;

  return f->real->pMethods->xLock (f->real, level);
}

static int
sillon_unlock (sqlite3_file *file, int level)
{
  SillonFile *f = (SillonFile *) file;

  return f->real->pMethods->xUnlock (f->real, level);
}

static int
sillon_check_reserved_lock (sqlite3_file *file, int *out)
{
  SillonFile *f = (SillonFile *) file;

  return f->real->pMethods->xCheckReservedLock (f->real, out);
}

static void
add_bad_page (SillonVfsVerify *v, guint32 pgno)
{
  g_array_append_val (v->bad_pages, pgno);
}

/* The page SQLite never writes, for its locks: a hole in a vault over 1 GiB,
 * which no read ever asks for. */
static guint32
pending_byte_page (const SillonVfsKeys *keys)
{
  return PENDING_BYTE / keys->page_size + 1;
}

/* Authenticates every frame of the current generation of the log up to the
 * end SQLite's recovery would find, the way that recovery reads them (see
 * wal_read). Adds to @committed the pages the log holds in committed
 * transactions. */
static void
verify_wal (SillonFile *w, SillonVfsVerify *v, GHashTable *committed)
{
  const SillonVfsKeys *keys = file_keys (w);
  gsize fsize = frame_size (keys);
  guint8 wal_header[WAL_HEADER_SIZE];
  sqlite3_int64 size = 0;
  g_autofree guint8 *frame = g_malloc (fsize);
  g_autoptr (GArray) transaction = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint32 s[2];
  gboolean native;

  if (w->real->pMethods->xFileSize (w->real, &size) != SQLITE_OK || size < WAL_HEADER_SIZE)
    goto out;
  if (w->real->pMethods->xRead (w->real, wal_header, sizeof wal_header, 0) != SQLITE_OK)
    goto out;
  if (!wal_header_acceptable (keys, wal_header))
    {
      v->wal_header_bad = TRUE;
      goto out;
    }
  native = wal_native_checksum (wal_header);
  s[0] = get_be32 (wal_header + 24);
  s[1] = get_be32 (wal_header + 28);

  for (sqlite3_int64 offset = WAL_HEADER_SIZE; offset + (sqlite3_int64) fsize <= size; offset += fsize)
    {
      FrameState state = FRAME_BAD;
      guint32 pgno;
      guint32 t[2] = { s[0], s[1] };

      if (!wal_read_frame (w, offset, frame, &state))
        break;
      if (memcmp (frame + 8, wal_header + 16, 8) != 0)
        break; /* left over from an earlier generation of the log */
      pgno = get_be32 (frame);
      if (state == FRAME_AUTHENTIC)
        {
          wal_checksum (native, frame, 8, t);
          wal_checksum (native, frame + WAL_FRAME_HEADER_SIZE, keys->page_size, t);
          if (t[0] != get_be32 (frame + 16) || t[1] != get_be32 (frame + 20))
            {
              if (!wal_frame_is_followed (w, offset, frame, t))
                break; /* end of the log */
              /* An edited checksum: the log goes on from the right one. */
              add_bad_page (v, pgno);
              put_be32 (frame + 16, t[0]);
              put_be32 (frame + 20, t[1]);
            }
        }
      else
        {
          guint32 stored[2] = { get_be32 (frame + 16), get_be32 (frame + 20) };

          if (state == FRAME_UNBOUND && offset == WAL_HEADER_SIZE && wal_log_is_unbound (w))
            {
              v->unbound_log = TRUE;
              break;
            }
          if (!wal_frame_is_followed (w, offset, frame, stored))
            break; /* a torn tail: the log ends here */
          add_bad_page (v, pgno);
        }
      v->pages_checked++;
      g_array_append_val (transaction, pgno);
      if (get_be32 (frame + 4) != 0)
        {
          for (guint i = 0; i < transaction->len; i++)
            g_hash_table_add (committed, GUINT_TO_POINTER (g_array_index (transaction, guint32, i)));
          g_array_set_size (transaction, 0);
          v->wal_db_pages = get_be32 (frame + 4);
        }
      s[0] = get_be32 (frame + 16);
      s[1] = get_be32 (frame + 20);
    }
out:
  sodium_memzero (frame, fsize);
}

/* Authenticates every page of the database: as many as the last commit in
 * the log says, or as @v->db_pages (SQLite's count) says, or as the file
 * holds, whichever is most. A page missing from the file is bad unless the
 * log holds it; the page SQLite never writes is skipped. */
static int
verify_file (SillonFile *f, SillonVfsVerify *v)
{
  const SillonVfsKeys *keys = f->keys;
  g_autoptr (GHashTable) committed = g_hash_table_new (NULL, NULL);
  g_autoptr (GArray) wal_bad = g_array_new (FALSE, FALSE, sizeof (guint32));
  GArray *bad_pages;
  sqlite3_int64 size = 0;
  guint32 n_pages, file_pages, pending;

  if (keys == NULL || v == NULL || v->bad_pages == NULL)
    return SQLITE_MISUSE;
  bad_pages = v->bad_pages;
  if (!ensure_scratch (f, frame_size (keys)))
    return SQLITE_IOERR_NOMEM;
  if (f->real->pMethods->xFileSize (f->real, &size) != SQLITE_OK)
    return SQLITE_IOERR_FSTAT;
  size = MAX (size - SILLON_VFS_HEADER_SIZE, 0);
  file_pages = (size + keys->page_size - 1) / keys->page_size;
  v->wal_db_pages = 0;
  /* The log first, for the pages it holds; its bad frames are listed after
   * the database's bad pages. */
  v->bad_pages = wal_bad;
  if (f->wal != NULL)
    verify_wal (f->wal, v, committed);
  v->bad_pages = bad_pages;
  n_pages = MAX (file_pages, MAX (v->db_pages, v->wal_db_pages));
  /* Page 1 of the file gives the size of the database last checkpointed
   * into it, which the file must hold (SQLite itself refuses a shorter
   * file when no log says otherwise, and then cannot count the pages). */
  if (file_pages > 0 && f->real->pMethods->xRead (f->real, f->scratch, keys->page_size, SILLON_VFS_HEADER_SIZE) == SQLITE_OK && decrypt_page (keys, 1, f->scratch) && memcmp (f->scratch + 24, f->scratch + 92, 4) == 0)
    n_pages = MAX (n_pages, get_be32 (f->scratch + 28));
  sodium_memzero (f->scratch, f->scratch_size);
  pending = pending_byte_page (keys);

  for (guint32 pgno = 1; pgno <= n_pages; pgno++)
    {
      sqlite3_int64 offset = SILLON_VFS_HEADER_SIZE + (sqlite3_int64) (pgno - 1) * keys->page_size;
      int rc;

      if (pgno == pending)
        continue;
      if (pgno > file_pages || (pgno == file_pages && size % keys->page_size != 0))
        {
          /* Cut off the file, or never checkpointed into it. */
          if (!g_hash_table_contains (committed, GUINT_TO_POINTER (pgno)))
            add_bad_page (v, pgno);
          v->pages_checked++;
          continue;
        }
      rc = f->real->pMethods->xRead (f->real, f->scratch, keys->page_size, offset);
      g_atomic_pointer_add (&page_reads, 1);
      if (rc != SQLITE_OK || !page_authentic (keys, pgno, f->scratch))
        add_bad_page (v, pgno);
      v->pages_checked++;
    }
  sodium_memzero (f->scratch, f->scratch_size);
  g_array_append_vals (v->bad_pages, wal_bad->data, wal_bad->len);
  return SQLITE_OK;
}

static int
sillon_file_control (sqlite3_file *file, int op, void *arg)
{
  SillonFile *f = (SillonFile *) file;

  if (f->kind != FILE_MAIN)
    return f->real->pMethods->xFileControl (f->real, op, arg);

  switch (op)
    {
      case SILLON_VFS_FCNTL_SET_KEYS:
        {
          const SillonVfsKeys *keys = arg;

          if (keys == NULL || !page_size_valid (keys->page_size) || f->keys_dropped)
            return SQLITE_MISUSE;
          if (f->keys != NULL)
            sodium_free (f->keys);
          f->keys = keys_dup (keys);
          if (f->keys == NULL || !ensure_scratch (f, frame_size (keys)))
            return SQLITE_NOMEM;
          return SQLITE_OK;
        }

      case SILLON_VFS_FCNTL_READ_HEADER:
        return f->real->pMethods->xRead (f->real, arg, SILLON_VFS_HEADER_SIZE, 0);

      case SILLON_VFS_FCNTL_WRITE_HEADER:
        {
          const SillonVfsHeaderWrite *w = arg;
          int rc;

          if (w == NULL || w->offset > SILLON_VFS_HEADER_SIZE || w->length > SILLON_VFS_HEADER_SIZE - w->offset)
            return SQLITE_MISUSE;
          if (f->read_only)
            return SQLITE_READONLY;
          rc = f->real->pMethods->xWrite (f->real, w->data, w->length, w->offset);
          if (rc == SQLITE_OK)
            rc = f->real->pMethods->xSync (f->real, SQLITE_SYNC_FULL);
          return rc;
        }

      case SILLON_VFS_FCNTL_VERIFY:
        return verify_file (f, arg);

      case SILLON_VFS_FCNTL_READ_ONLY:
        f->read_only = TRUE;
        return SQLITE_OK;

      case SILLON_VFS_FCNTL_ACCEPT_UNBOUND_LOG:
        f->accept_unbound = TRUE;
        return SQLITE_OK;

      case SILLON_VFS_FCNTL_UNBOUND_LOG:
        *(int *) arg = f->unbound_log;
        return SQLITE_OK;

      case SILLON_VFS_FCNTL_FAILED_READS:
        *(sqlite3_int64 *) arg = (sqlite3_int64) f->failed_reads;
        return SQLITE_OK;

      case SILLON_VFS_FCNTL_DROP_KEYS:
        if (f->keys != NULL)
          sodium_free (f->keys);
        f->keys = NULL;
        f->keys_dropped = TRUE;
        carry_free (f);
        if (f->scratch != NULL)
          sodium_memzero (f->scratch, f->scratch_size);
        return SQLITE_OK;

      case SQLITE_FCNTL_CKPT_START:
      case SQLITE_FCNTL_CKPT_DONE:
        f->in_checkpoint = op == SQLITE_FCNTL_CKPT_START;
        carry_clear (f);
        return f->real->pMethods->xFileControl (f->real, op, arg);

      case SQLITE_FCNTL_SIZE_HINT:
        {
          sqlite3_int64 hint = *(sqlite3_int64 *) arg + SILLON_VFS_HEADER_SIZE;

          return f->real->pMethods->xFileControl (f->real, op, &hint);
        }

      case SQLITE_FCNTL_PRAGMA:
        {
          char **pragma = arg;
          sqlite3_int64 size = 0;

          /* Leaving WAL mode would need a rollback journal, which the VFS
           * refuses (see sillon_open): refuse the switch itself, rather
           * than leave a vault that can no longer be written or reopened.
           * A vault being created has no page yet: it goes through an
           * in-memory journal while SQLite writes its first page. */
          if (pragma[1] != NULL && pragma[2] != NULL && g_ascii_strcasecmp (pragma[1], "journal_mode") == 0 && g_ascii_strcasecmp (pragma[2], "wal") != 0 && (f->real->pMethods->xFileSize (f->real, &size) != SQLITE_OK || size > SILLON_VFS_HEADER_SIZE))
            {
              pragma[0] = sqlite3_mprintf ("a vault must stay in WAL journal mode");
              return SQLITE_ERROR;
            }
          return f->real->pMethods->xFileControl (f->real, op, arg);
        }

      case SQLITE_FCNTL_MMAP_SIZE:
        /* Memory-mapped reads would bypass decryption. */
        *(sqlite3_int64 *) arg = 0;
        return SQLITE_OK;

      default:
        return f->real->pMethods->xFileControl (f->real, op, arg);
    }
}

static int
sillon_sector_size (sqlite3_file *file)
{
  SillonFile *f = (SillonFile *) file;

  return f->real->pMethods->xSectorSize (f->real);
}

static int
sillon_device_characteristics (sqlite3_file *file)
{
  SillonFile *f = (SillonFile *) file;

  return f->real->pMethods->xDeviceCharacteristics (f->real);
}

static int
sillon_shm_map (sqlite3_file *file, int page, int size, int extend, void volatile **out)
{
  SillonFile *f = (SillonFile *) file;

  return f->real->pMethods->xShmMap (f->real, page, size, extend, out);
}

static int
sillon_shm_lock (sqlite3_file *file, int offset, int n, int flags)
{
  SillonFile *f = (SillonFile *) file;

  return f->real->pMethods->xShmLock (f->real, offset, n, flags);
}

static void
sillon_shm_barrier (sqlite3_file *file)
{
  SillonFile *f = (SillonFile *) file;

  f->real->pMethods->xShmBarrier (f->real);
}

static int
sillon_shm_unmap (sqlite3_file *file, int delete_flag)
{
  SillonFile *f = (SillonFile *) file;

  return f->real->pMethods->xShmUnmap (f->real, delete_flag);
}

/* Version 2: no xFetch, so SQLite can never memory-map the file. */
static const sqlite3_io_methods sillon_io_methods = {
  2,
  sillon_close,
  sillon_read,
  sillon_write,
  sillon_truncate,
  sillon_sync,
  sillon_file_size,
  sillon_lock,
  sillon_unlock,
  sillon_check_reserved_lock,
  sillon_file_control,
  sillon_sector_size,
  sillon_device_characteristics,
  sillon_shm_map,
  sillon_shm_lock,
  sillon_shm_barrier,
  sillon_shm_unmap,
  NULL,
  NULL,
};

/* ---- vfs methods --------------------------------------------------------- */

static SillonVfsKeys *
lookup_keys (guint64 handle)
{
  SillonVfsKeys *copy = NULL;
  SillonVfsKeys *keys;

  g_mutex_lock (&registry_lock);
  keys = registry != NULL ? g_hash_table_lookup (registry, &handle) : NULL;
  if (keys != NULL)
    copy = keys_dup (keys);
  g_mutex_unlock (&registry_lock);
  return copy;
}

static int
sillon_open (sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *file, int flags, int *out_flags)
{
  SillonFile *f = (SillonFile *) file;
  int rc;

  memset (f, 0, sizeof *f);
  f->real = (sqlite3_file *) (f + 1);

  /* Temporary databases, temporary and statement journals, transient
   * databases and super-journals have no reserved bytes: they would hold
   * plaintext. temp_store=MEMORY keeps SQLite from asking. */
  if (flags & SQLITE_OPEN_MAIN_DB)
    {
      sqlite3_int64 handle = sqlite3_uri_int64 (name, "kh", 0);

      f->kind = FILE_MAIN;
      if (handle > 0)
        {
          f->keys = lookup_keys (handle);
          if (f->keys == NULL)
            return SQLITE_CANTOPEN;
          if (!ensure_scratch (f, frame_size (f->keys)))
            {
              sodium_free (f->keys);
              return SQLITE_NOMEM;
            }
        }
    }
  else if (flags & SQLITE_OPEN_MAIN_JOURNAL)
    {
      /* Vaults only ever run in WAL mode, so Sillon never writes a rollback
       * journal. One found next to a vault was planted: its header and
       * record checksums are in clear, and playing it back would let
       * someone without the keys overwrite or truncate pages. Opening an
       * existing one is reported as tampering; creating one fails. */
      return (flags & SQLITE_OPEN_CREATE) ? SQLITE_CANTOPEN : SQLITE_IOERR_DATA;
    }
  else if (flags & SQLITE_OPEN_WAL)
    {
      sqlite3_file *db_file = name != NULL ? sqlite3_database_file_object (name) : NULL;

      if (db_file == NULL || db_file->pMethods != &sillon_io_methods)
        return SQLITE_CANTOPEN;
      f->kind = FILE_WAL;
      f->main_file = (SillonFile *) db_file;
    }
  else
    return SQLITE_CANTOPEN;

  rc = real_vfs ()->xOpen (real_vfs (), name, f->real, flags, out_flags);
  if (rc != SQLITE_OK)
    {
      if (f->keys != NULL)
        sodium_free (f->keys);
      g_free (f->scratch);
      f->keys = NULL;
      f->scratch = NULL;
      return rc;
    }
  f->base.pMethods = &sillon_io_methods;
  if (f->kind == FILE_WAL)
    f->main_file->wal = f;
  return SQLITE_OK;
}

static int
sillon_delete (sqlite3_vfs *vfs, const char *name, int sync_dir)
{
  return real_vfs ()->xDelete (real_vfs (), name, sync_dir);
}

static int
sillon_access (sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
  return real_vfs ()->xAccess (real_vfs (), name, flags, out);
}

static int
sillon_full_pathname (sqlite3_vfs *vfs, const char *name, int n, char *out)
{
  return real_vfs ()->xFullPathname (real_vfs (), name, n, out);
}

static void *
sillon_dl_open (sqlite3_vfs *vfs, const char *name)
{
  return real_vfs ()->xDlOpen (real_vfs (), name);
}

static void
sillon_dl_error (sqlite3_vfs *vfs, int n, char *out)
{
  real_vfs ()->xDlError (real_vfs (), n, out);
}

static void (*sillon_dl_sym (sqlite3_vfs *vfs, void *handle, const char *symbol)) (void)
{
  return real_vfs ()->xDlSym (real_vfs (), handle, symbol);
}

static void
sillon_dl_close (sqlite3_vfs *vfs, void *handle)
{
  real_vfs ()->xDlClose (real_vfs (), handle);
}

static int
sillon_randomness (sqlite3_vfs *vfs, int n, char *out)
{
  return real_vfs ()->xRandomness (real_vfs (), n, out);
}

static int
sillon_sleep (sqlite3_vfs *vfs, int microseconds)
{
  return real_vfs ()->xSleep (real_vfs (), microseconds);
}

static int
sillon_current_time (sqlite3_vfs *vfs, double *out)
{
  return real_vfs ()->xCurrentTime (real_vfs (), out);
}

static int
sillon_get_last_error (sqlite3_vfs *vfs, int n, char *out)
{
  return real_vfs ()->xGetLastError (real_vfs (), n, out);
}

static int
sillon_current_time_int64 (sqlite3_vfs *vfs, sqlite3_int64 *out)
{
  return real_vfs ()->xCurrentTimeInt64 (real_vfs (), out);
}

static sqlite3_vfs sillon_vfs = {
  2,
  0,
  1024,
  NULL,
  SILLON_VFS_NAME,
  NULL,
  sillon_open,
  sillon_delete,
  sillon_access,
  sillon_full_pathname,
  sillon_dl_open,
  sillon_dl_error,
  sillon_dl_sym,
  sillon_dl_close,
  sillon_randomness,
  sillon_sleep,
  sillon_current_time,
  sillon_get_last_error,
  sillon_current_time_int64,
  NULL,
  NULL,
  NULL,
};

int
sillon_vfs_register (void)
{
  static gsize done = 0;
  static int result = SQLITE_OK;

  if (g_once_init_enter (&done))
    {
      sqlite3_vfs *unix_vfs;

      if (sodium_init () < 0)
        result = SQLITE_ERROR;
      unix_vfs = sqlite3_vfs_find ("unix");
      if (result == SQLITE_OK && unix_vfs == NULL)
        result = SQLITE_ERROR;
      if (result == SQLITE_OK)
        {
          sillon_vfs.pAppData = unix_vfs;
          sillon_vfs.szOsFile = sizeof (SillonFile) + unix_vfs->szOsFile;
          sillon_vfs.mxPathname = unix_vfs->mxPathname;
          result = sqlite3_vfs_register (&sillon_vfs, 0);
        }
      g_once_init_leave (&done, 1);
    }
  return result;
}

static void
keys_free (gpointer data)
{
  sodium_free (data);
}

guint64
sillon_vfs_add_keys (const SillonVfsKeys *keys)
{
  guint64 handle;
  guint64 *key;
  SillonVfsKeys *copy;

  g_return_val_if_fail (keys != NULL && page_size_valid (keys->page_size), 0);

  copy = keys_dup (keys);
  g_return_val_if_fail (copy != NULL, 0);

  g_mutex_lock (&registry_lock);
  if (registry == NULL)
    registry = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, keys_free);
  handle = next_handle++;
  key = g_new (guint64, 1);
  *key = handle;
  g_hash_table_insert (registry, key, copy);
  g_mutex_unlock (&registry_lock);
  return handle;
}

void
sillon_vfs_remove_keys (guint64 handle)
{
  g_mutex_lock (&registry_lock);
  if (registry != NULL)
    g_hash_table_remove (registry, &handle);
  g_mutex_unlock (&registry_lock);
}

guint64
sillon_vfs_get_page_reads (void)
{
  return (guint64) g_atomic_pointer_get (&page_reads);
}

guint64
sillon_vfs_get_page_encryptions (void)
{
  return (guint64) g_atomic_pointer_get (&page_encryptions);
}

guint64
sillon_vfs_get_page_decryptions (void)
{
  return (guint64) g_atomic_pointer_get (&page_decryptions);
}

guint64
sillon_vfs_get_torn_frames (void)
{
  return (guint64) g_atomic_pointer_get (&torn_frames);
}
