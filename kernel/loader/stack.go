package loader

import (
	"encoding/binary"

	"github.com/ringside-kernel/ringside/kernel/abi"
	"github.com/ringside-kernel/ringside/kernel/mm"
)

// Limits on execve's strings (fs/exec.c, include/uapi/linux/binfmts.h).
const (
	// maxArgStrlen is MAX_ARG_STRLEN: one string, NUL included.
	maxArgStrlen = 32 * abi.PageSize
	// argMax is ARG_MAX, the floor of the total limit.
	argMax = 32 * abi.PageSize
	// stkLim is _STK_LIM, whose 3/4 caps the total limit.
	stkLim = 8 << 20
)

// stackName is the stack VMA's name in /proc/<pid>/maps.
const stackName = "[stack]"

// buildStack maps the stack VMA below args.StackTop and writes the
// initial stack there exactly as Linux lays it out, from high to low:
//
//	8 zero bytes (bprm->p starts one pointer below the top)
//	execfn string                          AT_EXECFN
//	envp strings, envp[0] lowest           EnvStart..EnvEnd
//	argv strings, argv[0] lowest           ArgStart..ArgEnd
//	padding to 16 (arch_align_stack)
//	platform string                        AT_PLATFORM
//	16 random bytes                        AT_RANDOM
//	padding so that SP is 16-byte aligned (STACK_ROUND)
//	auxv pairs ending with AT_NULL
//	envp pointers, NULL
//	argv pointers, NULL
//	argc                                   <- SP
//
// AT_SYSINFO_EHDR comes first, as both architectures' ARCH_DLINFO puts
// it, when the task has a vDSO (Args.SysinfoEhdr); without one the libcs
// make the syscalls.
func buildStack(as *mm.AddressSpace, res *Result, args Args,
	execStack bool) error {
	argv := argvOf(args)
	size := stackSize(args)
	top := args.StackTop

	prot := mm.ProtRead | mm.ProtWrite
	if execStack {
		prot |= mm.ProtExec
	}
	if top < size || top&pageMask != 0 || size&pageMask != 0 {
		return fail(abi.EINVAL, "bad stack top or size")
	}
	res.StackStart = top - size
	if err := as.Map(res.StackStart, size, prot, stackName); err != nil {
		return fail(errnoOf(err), "mapping the stack: "+err.Error())
	}

	// Strings, copied downwards as do_execveat_common does.
	p := top - 8
	res.ExecFn = p - uint64(len(args.ExecFn)+1)
	p = res.ExecFn
	res.EnvEnd = p
	p -= stringsSize(args.Envp)
	res.EnvStart = p
	res.ArgEnd = p
	p -= stringsSize(argv)
	res.ArgStart = p

	p &^= 15
	if args.Platform != "" {
		p -= uint64(len(args.Platform) + 1)
		res.Platform = p
	}
	p -= uint64(len(args.Random))
	res.Random = p

	res.Auxv = auxv(res, args)
	items := uint64(len(argv)+1+len(args.Envp)+1) + 1
	res.SP = (p - uint64(len(res.Auxv))*8 - items*8) &^ 15
	if res.SP < res.StackStart {
		return fail(abi.E2BIG, "initial stack larger than the stack")
	}

	img := newStackImage(res.SP, top)
	img.put(res.SP, uint64(len(argv)))
	vec := res.SP + 8
	vec = img.strings(vec, res.ArgStart, argv)
	vec = img.strings(vec, res.EnvStart, args.Envp)
	for _, w := range res.Auxv {
		img.put(vec, w)
		vec += 8
	}
	copy(img.at(res.Random), args.Random[:])
	if args.Platform != "" {
		copy(img.at(res.Platform), args.Platform)
	}
	copy(img.at(res.ExecFn), args.ExecFn)

	if err := as.Poke(res.SP, img.b); err != nil {
		return fail(errnoOf(err), "writing the stack: "+err.Error())
	}
	return nil
}

// checkArgs applies execve's limits (bprm_stack_limits, copy_strings):
// each string at most MAX_ARG_STRLEN with its NUL; strings and pointers
// together within a quarter of the stack, at most 3/4 of _STK_LIM, at
// least ARG_MAX.
func checkArgs(args Args) error {
	argv, envp, execFn := argvOf(args), args.Envp, args.ExecFn
	limit := max(min(uint64(stkLim/4*3), stackSize(args)/4), argMax)
	ptrs := uint64(max(len(argv), 1)+len(envp)) * 8
	total := ptrs + uint64(len(execFn)+1)
	for _, list := range [][]string{argv, envp, {execFn}} {
		for _, s := range list {
			if len(s)+1 > maxArgStrlen {
				return fail(abi.E2BIG, "argument string too long")
			}
		}
	}
	total += stringsSize(argv) + stringsSize(envp)
	if total > limit {
		return fail(abi.E2BIG, "arguments and environment too large")
	}
	return nil
}

// argvOf is the argument vector execve passes on: an empty one becomes
// {""}, so that argv[0] exists (Linux 5.18 and later).
func argvOf(args Args) []string {
	if len(args.Argv) == 0 {
		return []string{""}
	}
	return args.Argv
}

func stackSize(args Args) uint64 {
	if args.StackSize == 0 {
		return DefaultStackSize
	}
	return args.StackSize
}

// auxv builds the auxiliary vector in create_elf_tables' order, the
// architecture's ARCH_DLINFO entries first.
func auxv(res *Result, args Args) []uint64 {
	var v []uint64
	if args.SysinfoEhdr != 0 {
		v = append(v, abi.AT_SYSINFO_EHDR, args.SysinfoEhdr)
	}
	v = append(v,
		abi.AT_MINSIGSTKSZ, args.MinSigStk,
		abi.AT_HWCAP, args.HWCap,
		abi.AT_PAGESZ, abi.PageSize,
		abi.AT_CLKTCK, 100, // USER_HZ
		abi.AT_PHDR, res.Phdr,
		abi.AT_PHENT, res.Phent,
		abi.AT_PHNUM, res.Phnum,
		abi.AT_BASE, 0, // no interpreter
		abi.AT_FLAGS, 0,
		abi.AT_ENTRY, res.Entry,
		abi.AT_UID, 0,
		abi.AT_EUID, 0,
		abi.AT_GID, 0,
		abi.AT_EGID, 0,
		abi.AT_SECURE, 0,
		abi.AT_RANDOM, res.Random,
		abi.AT_HWCAP2, args.HWCap2,
		abi.AT_EXECFN, res.ExecFn,
	)
	if args.Platform != "" {
		v = append(v, abi.AT_PLATFORM, res.Platform)
	}
	return append(v,
		abi.AT_RSEQ_FEATURE_SIZE, args.RseqFeatureSize,
		abi.AT_RSEQ_ALIGN, args.RseqAlign,
		abi.AT_NULL, 0)
}

// stringsSize is the room the strings take with their NULs.
func stringsSize(list []string) uint64 {
	var n uint64
	for _, s := range list {
		n += uint64(len(s) + 1)
	}
	return n
}

// stackImage is the initial stack being built: the bytes of [base, top).
type stackImage struct {
	base uint64
	b    []byte
}

func newStackImage(base, top uint64) *stackImage {
	return &stackImage{base, make([]byte, top-base)}
}

func (s *stackImage) at(addr uint64) []byte { return s.b[addr-s.base:] }

func (s *stackImage) put(addr, w uint64) {
	binary.LittleEndian.PutUint64(s.at(addr), w)
}

// strings writes list contiguously from addr, a pointer to each into the
// vector at vec, then the NULL, and returns the word after it.
func (s *stackImage) strings(vec, addr uint64, list []string) uint64 {
	for _, str := range list {
		s.put(vec, addr)
		vec += 8
		copy(s.at(addr), str)
		addr += uint64(len(str) + 1)
	}
	s.put(vec, 0)
	return vec + 8
}
