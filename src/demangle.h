/*
 * demangle.h - C++ symbol names as a reader knows them: the common cases
 * of the Itanium C++ ABI's mangling (what GCC and Clang emit on Linux),
 * for the names bench profile shows. _ZN2ns3hotEi is ns::hot(int).
 *
 * Understood: plain and nested names (namespaces, classes, the anonymous
 * namespace), constructors and destructors, operators, conversion
 * operators, ABI tags, internal (static) names, the const and ref
 * qualifiers of member functions, parameter types built from the builtin
 * types with pointers, references, const, volatile and restrict, class
 * types, templates with type and integer arguments and their template
 * parameters, the substitutions (S_, S0_, St, Sa, Ss, ...) that refer
 * back to them, and the vtable, typeinfo, guard-variable and thunk special
 * names. Anything else (function and array types, pointers to members,
 * packs, expressions, local names) is not demangled: the caller shows the
 * mangled name as it is, which is never wrong.
 */
#ifndef BENCH_DEMANGLE_H
#define BENCH_DEMANGLE_H

#include <stddef.h>

/* The demangled form of name into buf (size bytes), as c++filt writes it
 * ("ns::hot(int)", "std::vector<int, std::allocator<int> >::size() const").
 * Returns buf, or NULL when name is not a mangled C++ name this demangler
 * understands or its demangled form does not fit: then buf is unchanged. */
const char *demangle(const char *name, char *buf, size_t size);

#endif
