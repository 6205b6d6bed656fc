/*
 * elfsym.h - function names for code addresses, read from the ELF symbol
 * tables (.symtab and .dynsym) of the executable and of every loaded
 * object, for bench_profile (profile.c).
 *
 * dladdr(3) sees only .dynsym, the exported names: a static function, or
 * any function of an executable not linked with -rdynamic, has none there.
 * So the files are read here, with open, mmap and <elf.h>: the objects
 * come from dl_iterate_phdr (the executable through /proc/self/exe, the
 * vDSO from memory), and an object's tables are read the first time one
 * of its addresses is looked up (a file stripped of its .symtab is read
 * from its separate debug file when one is installed). A function inlined
 * into its caller has
 * no code of its own and is named as the caller.
 */
#ifndef BENCH_ELFSYM_H
#define BENCH_ELFSYM_H

#include <stddef.h>
#include <stdint.h>

typedef struct elfsym elfsym;

/* What an address is. */
typedef struct elfsym_hit {
    const char *name;   /* the function, GCC's clone and split suffixes
                           (.cold, .part.0, .isra.0, .constprop.0, ...)
                           taken off; NULL when no symbol covers pc */
    uintptr_t start;    /* the function's run-time start (0 when unnamed) */
    int obj;            /* index of the object pc lies in, -1 for none */
    const char *object; /* its base name ("libc.so.6", "bench"), or NULL */
    uintptr_t offset;   /* pc - the object's load address */
} elfsym_hit;

/* An empty set of objects; NULL when memory ran out. */
elfsym *elfsym_new(void);
/* Every object loaded now (dl_iterate_phdr). BENCH_OK or BENCH_ENOMEM. */
int elfsym_add_loaded(elfsym *s);
/* One object: the file at path, loaded at base (the bias added to its
 * addresses), spanning [lo, hi) in memory; display names it in messages
 * (NULL: path's base name). BENCH_OK or BENCH_ENOMEM. */
int elfsym_add(elfsym *s, const char *path, const char *display, uintptr_t base, uintptr_t lo,
               uintptr_t hi);
/* Name pc. Reads the object's tables on first use; when they cannot be
 * read the hit has no name and elfsym_note says why. */
void elfsym_lookup(elfsym *s, uintptr_t pc, elfsym_hit *hit);
/* Why object obj's symbols could not be read ("cannot open ...: No such
 * file or directory", "no symbol table"), or NULL when they were (or
 * have not been needed yet). */
const char *elfsym_note(const elfsym *s, int obj);
void elfsym_free(elfsym *s);
/* Where separate debug files are looked for by build ID (default
 * /usr/lib/debug; "" looks for none): an object whose file has no
 * .symtab is named from DIR/.build-id/xx/yyyy.debug when that exists. */
void elfsym_set_debug_dir(elfsym *s, const char *dir);

/* name without a GCC clone or split suffix or a symbol version, into
 * buf: "f.cold", "f.isra.0" and "f@@GLIBC_2.34" are f. Returns buf. */
const char *elfsym_base_name(const char *name, char *buf, size_t size);

#endif
