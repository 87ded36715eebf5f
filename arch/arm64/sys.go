//go:build tamago && arm64

package arm64

// defined in sys.s

// Read32 and Write32 access a 32-bit device register. They are assembly
// so that no access is merged, reordered or dropped by the compiler (a
// store right before an endless loop would be).
func Read32(addr uint64) uint32
func Write32(addr uint64, v uint32)

// Read16 and Write16 are the 16-bit forms (the i.MX watchdog has 16-bit
// registers).
func Read16(addr uint64) uint16
func Write16(addr uint64, v uint16)

// WaitForInterrupt executes WFI.
func WaitForInterrupt()

// CNTVCT returns the virtual counter, CNTVCT_EL0 (D11.2.4), after an ISB
// so that it is not read early.
func CNTVCT() uint64

// HVC and SMC make an SMC Calling Convention call (Arm DEN0028) to EL2
// or EL3 firmware: function id in w0, arguments in x1-x3, result in x0.
// PSCI (Arm DEN0022) uses them. Where no firmware is there to answer
// the instruction is undefined at EL1: the call then returns
// NotSupported instead of ending in a kernel exception.
func HVC(fn, a1, a2, a3 uint64) uint64
func SMC(fn, a1, a2, a3 uint64) uint64

// Semihosting makes an Arm semihosting call (HLT #0xF000 on A64): the
// operation in w0, its parameter (a value or a block's address) in x1,
// the result in x0. Only a debugger or QEMU's -semihosting answers it;
// without one the instruction is undefined and the call returns
// NotSupported.
func Semihosting(op, param uint64) uint64

// NotSupported is what HVC, SMC and Semihosting return when nothing
// answered: PSCI's NOT_SUPPORTED (-1).
const NotSupported = ^uint64(0)

// firmwareCall is set while HVC, SMC or Semihosting executes its
// instruction: kernelException then turns an undefined-instruction
// exception into a NotSupported return.
var firmwareCall uint64

// rndr reads RNDR (FEAT_RNG): ok is false when the hardware had no
// entropy. Preconditions: ID_AA64ISAR0_EL1.RNDR is not zero.
func rndr() (v uint64, ok bool)

// idAA64ISAR0 returns ID_AA64ISAR0_EL1.
func idAA64ISAR0() uint64

// readFPCR returns FPCR.
func readFPCR() uint64
