//go:build tamago && arm64 && lazyfp

package arm64

// State of the lazyfp design (fp_lazy.s).
var (
	// fpOwner is the address of the Context whose user FP/SIMD state is
	// live in the registers and not in its FPSIMD field, or 0. Only
	// fp_lazy.s writes it; being a uintptr it does not keep the Context
	// alive, fpLast does.
	fpOwner uintptr
	// fpLast is the Context Run last entered EL0 with. fpOwner is 0 or
	// a Context entered since, which is fpLast or one whose goroutine is
	// still in Run.
	fpLast *Context
	// fpTraps counts fpTrap's saves: kernel code that touched the
	// FP/SIMD registers while a task's were live.
	fpTraps uint64
)

// LazyFP tells which FP/SIMD design the kernel was built with.
const LazyFP = true

// defined in fp_lazy.s
func fpFlush()

// flushFP saves the live FP/SIMD state into its Context, so that the
// Context's FPSIMD field is the task's state.
func flushFP() { fpFlush() }

// keepFP keeps c alive while its state may be live (fpLast).
func keepFP(c *Context) { fpLast = c }

// FPTraps returns how often kernel code touched the FP/SIMD registers
// while a task's state was live in them.
func FPTraps() uint64 { return fpTraps }
