# Run by common/prebuild.groovy after common/make-fixtures.sh: the kvmtool stand-in repository.
sh ../common/make-kvmtool-fixture.sh
