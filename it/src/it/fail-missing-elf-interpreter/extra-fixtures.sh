# Run by common/prebuild.groovy after common/make-fixtures.sh.
cp /bin/true fixtures/common/usr/bin/true
