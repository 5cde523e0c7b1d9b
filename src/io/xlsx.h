/* xlsx.h: reports as Excel workbooks: the official report laid out as Biểu 06/VPCP/KSTT (title
 * block, the 13 columns under merged two-level headers, one row per report line, a total row,
 * the note on stopped dossiers and the signer block), with the Decision 766 indicators on a
 * second sheet; the counter queue's waiting and service figures. Written with libxlsxwriter;
 * cells hold real numbers, not text. */
#ifndef MOTCUA_XLSX_H
#define MOTCUA_XLSX_H

#include "app/queue.h"
#include "app/reports.h"
#include "util/err.h"

/* xlsx_report writes the report r to the file at path (created or replaced), as two sheets:
 * "Biểu 06" (A4 landscape, fitted to the page width, header rows repeated on each printed page)
 * and "Chỉ số". Stopped dossiers, which the form has no column for, are folded into "Đúng hạn"
 * (column 9) and "Tổng số đã giải quyết" (column 7), so that column 3 = column 7 + column 11
 * still holds, and a note under the table says how many. Returns 0, or ERR_IO with e filled
 * (Vietnamese and English messages, libxlsxwriter's reason in the English one) when the file
 * cannot be written; a partial file may then be left behind. libxlsxwriter keeps its working
 * data in temporary files (tmpfile) and may log its own error line on stderr. Thread-safe on
 * distinct paths; allocates nothing that outlives the call. */
int xlsx_report(const Report *r, const char *path, Err *e);

/* xlsx_queue_figures writes the counter queue's figures (app/queue.h: rows[0..n) and their
 * total) to the file at path as one sheet "Thời gian chờ" under title and period: code, name,
 * calls, served, absent, transferred, mean and longest waiting and service time in seconds.
 * Errors as xlsx_report's. */
int xlsx_queue_figures(const QueueFigureRow *rows, size_t n, const QueueFigures *total,
                       const char *title, const char *period, const char *path, Err *e);

#endif
