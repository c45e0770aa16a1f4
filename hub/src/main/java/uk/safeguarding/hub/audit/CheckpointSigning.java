package uk.safeguarding.hub.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signing and checking checkpoints with the JDK alone: Ed25519 by default, ECDSA P-256 if the key file
 * holds one. Plain Java, so the offline verifier can use it. A key is named by the SHA-256 of its public
 * key (X.509 SubjectPublicKeyInfo), so a key id cannot be claimed by another key.
 */
final class CheckpointSigning {

    static final String ED25519 = "Ed25519";
    static final String EC_P256 = "EC-P256";
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]+)-----END \\1-----");

    private CheckpointSigning() {
    }

    /** What a checkpoint's signature covers. */
    static String payload(long sequence, String entryHash, String signedAt, String keyId) {
        return String.join("\n", "uk.safeguarding.hub audit checkpoint v1", Long.toString(sequence), entryHash,
                signedAt, keyId);
    }

    static String keyId(PublicKey key) {
        return "sha256:" + AuditHashes.sha256Hex(key.getEncoded()).substring(0, 32);
    }

    static String algorithm(PublicKey key) {
        if (key instanceof ECPublicKey ec && ec.getParams().getCurve().getField().getFieldSize() == 256) {
            return EC_P256;
        }
        if ("EdDSA".equals(key.getAlgorithm()) || ED25519.equals(key.getAlgorithm())) {
            return ED25519;
        }
        throw new IllegalArgumentException("signing keys must be Ed25519 or ECDSA P-256");
    }

    static PublicKey publicKey(String algorithm, String base64) {
        try {
            return KeyFactory.getInstance(keyFactory(algorithm)).generatePublic(
                    new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a " + algorithm + " public key", e);
        }
    }

    static String sign(PrivateKey key, String algorithm, String payload) {
        try {
            Signature signer = Signature.getInstance(signatureAlgorithm(algorithm));
            signer.initSign(key);
            signer.update(payload.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("checkpoint signing failed", e);
        }
    }

    static boolean verify(PublicKey key, String payload, String signature) {
        try {
            Signature verifier = Signature.getInstance(signatureAlgorithm(algorithm(key)));
            verifier.initVerify(key);
            verifier.update(payload.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ED25519).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no Ed25519 in this JDK", e);
        }
    }

    /**
     * Reads a PKCS#8 PEM private key. The public key is taken from a {@code PUBLIC KEY} block in the same
     * file if there is one; for Ed25519 it is otherwise derived from the private key. Either way the
     * pair is proven by signing and verifying before it is used.
     */
    static KeyPair load(String pem) {
        byte[] privateDer = null;
        byte[] publicDer = null;
        Matcher m = PEM.matcher(pem);
        while (m.find()) {
            byte[] der = Base64.getMimeDecoder().decode(m.group(2).trim());
            switch (m.group(1)) {
                case "PRIVATE KEY" -> privateDer = der;
                case "PUBLIC KEY" -> publicDer = der;
                default -> throw new IllegalArgumentException("signing key file: expected PRIVATE KEY (PKCS#8), found "
                        + m.group(1));
            }
        }
        if (privateDer == null) {
            throw new IllegalArgumentException("signing key file: no PKCS#8 PRIVATE KEY block");
        }
        try {
            PrivateKey privateKey = privateKey(privateDer);
            PublicKey publicKey;
            if (publicDer != null) {
                publicKey = KeyFactory.getInstance(privateKey.getAlgorithm()).generatePublic(new X509EncodedKeySpec(publicDer));
            } else if (privateKey instanceof EdECPrivateKey ed) {
                publicKey = derive(ed);
            } else {
                throw new IllegalArgumentException("signing key file: an ECDSA key needs its PUBLIC KEY block too"
                        + " (openssl pkey -in key.pem -pubout >> key.pem)");
            }
            KeyPair pair = new KeyPair(publicKey, privateKey);
            String algorithm = algorithm(publicKey);
            String probe = payload(0, AuditHashes.GENESIS, "1970-01-01T00:00:00Z", keyId(publicKey));
            if (!verify(publicKey, probe, sign(privateKey, algorithm, probe))) {
                throw new IllegalArgumentException("signing key file: the public key does not match the private key");
            }
            return pair;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("signing key file: not an Ed25519 or ECDSA P-256 PKCS#8 key", e);
        }
    }

    private static PrivateKey privateKey(byte[] der) throws GeneralSecurityException {
        for (String algorithm : new String[] {ED25519, "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException tryNext) {
                // the file does not say which it is; the other algorithm is tried next
            }
        }
        throw new GeneralSecurityException("unsupported private key");
    }

    /** The JDK has no public call for it: a generator fed the private key's bytes as its "randomness" computes it. */
    private static PublicKey derive(EdECPrivateKey key) throws GeneralSecurityException {
        byte[] secret = key.getBytes().orElseThrow(() -> new GeneralSecurityException("private key bytes unavailable"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance(ED25519);
        generator.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(secret, 0, bytes, 0, Math.min(secret.length, bytes.length));
            }
        });
        KeyPair derived = generator.generateKeyPair();
        byte[] derivedSecret = ((EdECPrivateKey) derived.getPrivate()).getBytes().orElse(new byte[0]);
        if (!Arrays.equals(secret, derivedSecret)) {
            throw new GeneralSecurityException("could not derive the Ed25519 public key");
        }
        return derived.getPublic();
    }

    static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }

    private static String keyFactory(String algorithm) {
        return switch (algorithm) {
            case ED25519 -> ED25519;
            case EC_P256 -> "EC";
            default -> throw new IllegalArgumentException("unknown signing algorithm " + algorithm);
        };
    }

    private static String signatureAlgorithm(String algorithm) {
        return switch (algorithm) {
            case ED25519 -> ED25519;
            case EC_P256 -> "SHA256withECDSA";
            default -> throw new IllegalArgumentException("unknown signing algorithm " + algorithm);
        };
    }
}
