package loader

import (
	"debug/elf"
	"io"

	"github.com/ringside-kernel/ringside/kernel/abi"
	"github.com/ringside-kernel/ringside/kernel/mm"
)

// DefaultStackSize is the stack VMA's size when Args.StackSize is zero:
// Linux's default RLIMIT_STACK, reserved at once and demand paged.
const DefaultStackSize = 8 << 20

// Args is what execve hands the loader, plus the architecture's
// parameters.
type Args struct {
	// Argv and Envp are the argument and environment strings. An empty
	// Argv becomes {""}, as Linux does since 5.18.
	Argv, Envp []string
	// SysinfoEhdr is the vDSO's address (AT_SYSINFO_EHDR), 0 for none.
	SysinfoEhdr uint64
	// ExecFn is the path the program was started by (AT_EXECFN).
	ExecFn string
	// Platform is AT_PLATFORM: "x86_64", "aarch64"; empty omits it.
	Platform string
	// HWCap and HWCap2 are AT_HWCAP and AT_HWCAP2.
	HWCap, HWCap2 uint64
	// Random is the 16 bytes AT_RANDOM points to; the caller reads them
	// from its random source.
	Random [16]byte
	// StackTop is the end of the stack VMA (STACK_TOP), page aligned.
	StackTop uint64
	// StackSize is the stack VMA's size; zero means DefaultStackSize.
	StackSize uint64
	// DynBase is where a static PIE goes (ELF_ET_DYN_BASE without
	// randomization): 0x555555554000 on amd64.
	DynBase uint64
	// Machine is the only e_machine accepted: EM_X86_64, EM_AARCH64.
	Machine elf.Machine
	// MinSigStk is AT_MINSIGSTKSZ: 2048 on amd64, 5120 on arm64.
	MinSigStk uint64
	// RseqFeatureSize and RseqAlign are AT_RSEQ_FEATURE_SIZE and
	// AT_RSEQ_ALIGN, what the kernel's rseq supports.
	RseqFeatureSize, RseqAlign uint64
}

// Result is where the program starts and what the kernel keeps of it
// (the mm_struct fields Linux fills in load_elf_binary).
type Result struct {
	// Entry and SP are the initial instruction and stack pointers; argc
	// is at SP.
	Entry, SP uint64
	// BrkBase is the page-rounded end of the image (start_brk), already
	// given to the address space.
	BrkBase uint64
	// LoadBias is what was added to every virtual address of the file
	// (zero for ET_EXEC).
	LoadBias uint64
	// Phdr, Phent and Phnum are the program headers as AT_PHDR,
	// AT_PHENT and AT_PHNUM give them.
	Phdr, Phent, Phnum uint64
	// StackStart is the lowest address of the stack VMA.
	StackStart uint64
	// ArgStart..ArgEnd and EnvStart..EnvEnd hold the strings
	// (/proc/<pid>/cmdline and environ).
	ArgStart, ArgEnd, EnvStart, EnvEnd uint64
	// ExecFn, Random and Platform are the AT_EXECFN, AT_RANDOM and
	// AT_PLATFORM addresses (Platform zero when omitted).
	ExecFn, Random, Platform uint64
	// Auxv is the auxiliary vector as written, tag/value pairs ending
	// with AT_NULL (saved_auxv, for /proc/<pid>/auxv and PR_GET_AUXV).
	Auxv []uint64
}

// Error is a failed load: the errno execve returns and why.
type Error struct {
	Errno  abi.Errno
	Reason string
}

func (e *Error) Error() string {
	return "loader: " + e.Reason + " (" + e.Errno.Error() + ")"
}

// Unwrap lets errors.Is match the errno.
func (e *Error) Unwrap() error { return e.Errno }

func fail(errno abi.Errno, reason string) error {
	return &Error{errno, reason}
}

// Load maps the static ELF executable image into as and builds its
// initial stack (load_elf_binary, create_elf_tables).
//
// Preconditions: as is fresh (no VMAs); on error it is left half built,
// and the caller releases it, as Linux kills a task that fails past the
// point of no return.
//
// Errors (*Error, matching errors.Is on the errno): arguments beyond the
// stack limits → E2BIG; not a 64-bit
// little-endian ELF of Args.Machine and type ET_EXEC or ET_DYN, bad
// program headers, PT_INTERP, no PT_LOAD, truncated file → ENOEXEC;
// inconsistent segments → EINVAL; address space errors from mm as they
// come.
func Load(as *mm.AddressSpace, image io.ReaderAt, args Args) (Result,
	error) {
	// execve copies the strings before it looks at the file: E2BIG
	// comes first.
	if err := checkArgs(args); err != nil {
		return Result{}, err
	}
	img, err := parse(image, args.Machine)
	if err != nil {
		return Result{}, err
	}
	bias := img.loadBias(args.DynBase)

	brk, err := mapSegments(as, img, bias, args.ExecFn)
	if err != nil {
		return Result{}, err
	}
	as.SetBrkBase(brk)

	res := Result{
		Entry:    img.entry + bias,
		BrkBase:  as.Brk(0),
		LoadBias: bias,
		Phdr:     img.phdrAddr() + bias,
		Phent:    uint64(img.phentsize),
		Phnum:    uint64(len(img.progs)),
	}
	if res.Entry >= as.Layout().UserEnd {
		return Result{}, fail(abi.EINVAL, "entry point outside user space")
	}
	if err := buildStack(as, &res, args, img.execStack); err != nil {
		return Result{}, err
	}
	return res, nil
}
