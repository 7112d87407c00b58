// Each image is attached with type aci and its own classifier, so install puts both in the repository.
def folder = new File(localRepositoryPath, 'dev/stage1kvm/it/attach-install/1.2.3')
for (hv in ['lkvm', 'qemu']) {
    def installed = new File(folder, "attach-install-1.2.3-stage1-kvm-${hv}.aci")
    assert installed.isFile()
    assert installed.bytes == new File(basedir, "target/stage1-kvm-${hv}.aci").bytes
}
return true
