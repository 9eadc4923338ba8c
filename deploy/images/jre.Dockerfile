# Roster's base image: a Debian 12 root filesystem with only the C library, libgcc, zlib, CA certificates and time
# zones (unpacked by mmdebstrap --variant=extract: no shell, no package manager), a Java 25 runtime made with jlink
# from the build's JDK, and the user roster (10001). build.sh prepares this directory and builds it.
FROM scratch
ADD rootfs.tar /
COPY jre /opt/java
COPY passwd group /etc/
COPY tmp /tmp
ENV JAVA_HOME=/opt/java \
    PATH=/opt/java/bin:/usr/bin:/bin \
    LANG=C.UTF-8
USER 10001:10001
