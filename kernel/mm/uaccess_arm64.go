//go:build tamago && arm64 && !softuaccess

package mm

import (
	"unsafe"

	"github.com/ringside-kernel/ringside/arch/arm64"
)

// directUaccess: user copies may go through the MMU (uaccess.go).
// uaccessUnprivileged: LDTR and STTR check EL0's permissions.
const (
	directUaccess       = true
	uaccessUnprivileged = true
)

// copyFromUser and copyToUser copy through the current tables; false
// after a page fault. len(b) > 0.
func copyFromUser(dst []byte, addr uint64) bool {
	return arm64.CopyFromUser(unsafe.Pointer(&dst[0]), uintptr(addr),
		uintptr(len(dst)))
}

func copyToUser(addr uint64, src []byte) bool {
	return arm64.CopyToUser(uintptr(addr), unsafe.Pointer(&src[0]),
		uintptr(len(src)))
}
