"""neuroplast.server"""
