/* pending.h: pending uploads. A file a citizen sent with a form that failed (a required paper
 * missing, a field mistyped) is kept for the next post of the same form, so that nobody has to
 * choose and send a photo again: the file waits in <files>/pending/<token>.<sha256> (outside
 * the content-addressed folder, whose files are never removed) and a store row says what it is.
 * The token is the form's one-time token (random, made when the form was shown): only a post
 * carrying it finds the file, so nobody attaches another person's upload by guessing its
 * SHA-256. When the form finally files, the file is linked into the document folder (the
 * pending name stays, the same bytes on disk). Pending uploads are swept PENDING_KEEP
 * seconds after their last post, with the other retention (pending_sweep, a bounded batch at
 * a time): whether or not a dossier took them, the document folder keeps its own link. */
#ifndef MOTCUA_PENDING_H
#define MOTCUA_PENDING_H

#include "store/store.h"

enum {
    PENDING_KEEP = 24 * 3600, /* seconds a pending upload waits for its form's next post */
    PENDING_BATCH = 500       /* pending uploads removed per sweep call at most */
};

/* pending_valid_token: token is a form token (secret_token's 43 base64url characters). */
int pending_valid_token(const char *token);

/* pending_path is where the pending upload sha256 of token lives under the document folder
 * dir (arena). */
char *pending_path(Arena *a, const char *dir, const char *token, const char *sha256);

/* pending_park moves the temporary file tmp to u's pending place under dir (before its row is
 * recorded: a row never names a file that was not there). ERR_UNAVAILABLE when the file
 * system fails. */
int pending_park(Arena *a, const char *dir, const char *tmp, const PendingUpload *u, Err *e);

/* pending_record records u (inside the writer's transaction). */
int pending_record(Store *s, const PendingUpload *u, Err *e);

/* pending_find finds the pending upload sha256 of the form token whose file is still under
 * dir, into out (from a); ERR_NOT_FOUND otherwise (an unknown or malformed reference, another
 * form's file, or one swept away). */
int pending_find(Store *s, Arena *a, const char *dir, const char *token, const char *sha256,
                 PendingUpload *out, Err *e);

/* pending_sweep removes, inside the writer's transaction, up to PENDING_BATCH pending uploads
 * whose last post is more than PENDING_KEEP seconds before now, rows and files; *out_n gets
 * how many went (call again while it is PENDING_BATCH). */
int pending_sweep(Store *s, const char *dir, int64_t now, long *out_n, Err *e);

#endif
