"""neuroplast.core"""
