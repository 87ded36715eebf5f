// Package loader starts a program: it maps a static ELF executable into a
// fresh address space and builds the initial stack a Linux process finds
// at its entry point (Linux's load_elf_binary and create_elf_tables in
// fs/binfmt_elf.c, with the argument copying of do_execveat_common and
// setup_arg_pages in fs/exec.c).
//
// Static executables (ET_EXEC) and static PIEs (ET_DYN without PT_INTERP)
// are supported; programs that need a dynamic linker are refused. There
// are no files behind the mappings: segment bytes are copied into
// demand-paged anonymous memory. There is no address-space randomization.
package loader
