/* slots.h: upload slots, one file input per paper of a form ("file-<i>"), for the citizen's
 * online filing and online supplement. Each form carries a one-time token (random, made when
 * the form is shown; it is also the form's idempotency key, web/idem.h). A file a failed post
 * brought is kept server-side as a pending upload of that token (app/pending.h), and the form
 * shown again carries, per slot, a hidden reference to it ("kept-<i>": its SHA-256, found only
 * with the token), shown as "Đã tải lên: <name>, <size>" with a file input to replace it (and,
 * for a paper that is not required, a box to leave it out). So a post that fails keeps every
 * field and every file, and the next post of the form files them. */
#ifndef MOTCUA_SLOTS_H
#define MOTCUA_SLOTS_H

#include "util/strbuf.h"
#include "web/http.h"
#include "web/idem.h"

#include <stdbool.h>

/* One paper of the form and its file. The caller sets name and required. */
typedef struct Slot {
    const char *name; /* the paper it is for */
    bool required;
    Upload *upload;     /* a (non-empty) file of this post that is a PDF, JPEG or PNG, or NULL */
    const char *mime;   /* its type, or the kept file's */
    PendingUpload kept; /* else a file an earlier post of the form left (sha256 NULL: none) */
    Document doc;       /* slots_store: the document the file becomes */
} Slot;

typedef struct SlotForm {
    const char *token; /* the form's one-time token */
    bool posted;       /* the post carried a well-formed token (else this one is new) */
    Slot *slots;
    size_t n;
} SlotForm;

/* slots_begin prepares a form of n slots (zeroed, from the arena; the caller names them): its
 * token is the posted field "token" when well-formed, else a new one. */
void slots_begin(Request *req, SlotForm *f, size_t n);

/* slots_replayed begins im, the idempotency of the form's token (web/idem.h), and tells
 * whether an earlier post of the form has been recorded already (F5, a second click): im then
 * holds its first answer. */
bool slots_replayed(Request *req, const SlotForm *f, Idem *im);

/* slots_token_posted fails with ERR_INVALID (field "token") when the post carried no
 * well-formed token: a stale or forged form, shown again with a new one. */
int slots_token_posted(Request *req, const SlotForm *f);

/* slots_read reads each slot's file: the part "file-<i>" of this post when it is not empty,
 * else the pending upload that "kept-<i>" names with the form's token (unless "drop-<i>" is
 * ticked). A file that is not a PDF, JPEG or PNG by content fails with ERR_MEDIA_TYPE naming
 * its part (req->err is set only when it holds no error yet) and leaves its slot as it was;
 * every slot is read all the same. Returns the first failure. */
int slots_read(Request *req, SlotForm *f);

/* slot_filled: the slot has a file. */
bool slot_filled(const Slot *s);

/* slots_require fails with ERR_INVALID naming "file-<i>" of the first required slot without a
 * file. */
int slots_require(Request *req, const SlotForm *f);

/* slots_park keeps, after a failed post, each new file of this post as a pending upload of
 * the form's token (moved aside, recorded through the writer), so that the form shown again
 * has it. Best effort: a file that cannot be kept is logged and dropped; req->err is left as
 * it is. */
void slots_park(Request *req, SlotForm *f);

/* slots_store stores, before the write that attaches them, each slot's file in the document
 * folder (slot.doc). The files of this post stay where they are, so that slots_park can still
 * keep them if the write fails. ERR_INVALID naming "file-<i>" when a kept file has gone. */
int slots_store(Request *req, SlotForm *f);

/* slots_token_field appends the form's hidden token field. */
void slots_token_field(StrBuf *sb, const SlotForm *f);

/* slots_render appends slot i: a fieldset named after its paper (marked when required), the
 * kept file with its hidden reference, the file input and the error about it. */
void slots_render(StrBuf *sb, Request *req, const SlotForm *f, size_t i);

/* slots_size is a file size in words: "812 KB", "2,4 MB" (arena). */
const char *slots_size(Arena *a, int64_t bytes);

#endif
