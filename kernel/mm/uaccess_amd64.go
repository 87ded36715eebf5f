//go:build tamago && amd64 && !softuaccess

package mm

import (
	"unsafe"

	"github.com/ringside-kernel/ringside/arch/amd64"
)

// directUaccess: user copies may go through the MMU (uaccess.go).
// uaccessUnprivileged: ring 0 loads and stores reach supervisor pages.
const (
	directUaccess       = true
	uaccessUnprivileged = false
)

// copyFromUser and copyToUser copy through the current tables; false
// after a page fault. len(b) > 0.
func copyFromUser(dst []byte, addr uint64) bool {
	return amd64.CopyFromUser(unsafe.Pointer(&dst[0]), uintptr(addr),
		uintptr(len(dst)))
}

func copyToUser(addr uint64, src []byte) bool {
	return amd64.CopyToUser(uintptr(addr), unsafe.Pointer(&src[0]),
		uintptr(len(src)))
}
