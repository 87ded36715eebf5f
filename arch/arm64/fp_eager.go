//go:build !(tamago && arm64 && lazyfp)

package arm64

// LazyFP tells which FP/SIMD design the kernel was built with: by
// default (and on the host) a Context's FPSIMD field always holds the
// task's state while the kernel runs (fp_eager.s).
const LazyFP = false

func flushFP()        {}
func keepFP(*Context) {}

// FPTraps is the lazyfp design's count of kernel FP/SIMD traps: 0.
func FPTraps() uint64 { return 0 }
